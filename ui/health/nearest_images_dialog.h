#pragma once
// Shows the memorisation check: the selected sample beside its nearest training images, each with its index in
// the dataset and its RMS distance (a near-zero distance means the generator copies that image).
#include <QDialog>

#include "ui/health/memorisation_check.h"

class QGridLayout;
class QLabel;

namespace gs {

class NearestImagesDialog : public QDialog {
  Q_OBJECT
 public:
  explicit NearestImagesDialog(QWidget* parent = nullptr);
  void showBusy(const QString& what);
  void showResult(const NearestResult& result);
  QString resultText() const;  // the captions, one per line (tests)

 private:
  void clearTiles();
  QLabel* status_;
  QGridLayout* tiles_;
  QStringList captions_;
};

}  // namespace gs

#pragma once
// CycleGAN's second domain, in the Training panel: either a second image folder (domain B; the opened folder is
// domain A) or two class names that split one labelled folder into A and B (Fashion-MNIST's "Sneaker" and
// "Ankle boot", or two subfolders' names). Enabled only for CycleGAN.
#include <QWidget>

#include "config.h"

class QLineEdit;
class QToolButton;

namespace gs {

class DomainBField : public QWidget {
  Q_OBJECT
 public:
  explicit DomainBField(QWidget* parent = nullptr);

  // Writes path_b, class_a and class_b into `data` (empty when not given).
  void apply(DataConfig& data) const;
  void set(const DataConfig& data);
  QLineEdit* folderEdit() const { return folder_; }
  QLineEdit* classAEdit() const { return class_a_; }
  QLineEdit* classBEdit() const { return class_b_; }

 Q_SIGNALS:
  void edited();

 private:
  QLineEdit* folder_;
  QToolButton* browse_;
  QLineEdit* class_a_;
  QLineEdit* class_b_;
};

}  // namespace gs

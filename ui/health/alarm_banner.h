#pragma once
// The amber warning under the error banner: the newest training alarm (mode collapse, D wins, oscillation, or
// a NaN rollback), one button per remedy it offers, and a dismiss button. Clicking a remedy only reports it;
// RemedyRunner decides what happens to the run.
#include <QFrame>
#include <QStringList>

#include "metrics/alarm.h"

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace gs {

class AlarmBanner : public QFrame {
  Q_OBJECT
 public:
  explicit AlarmBanner(QWidget* parent = nullptr);

  void showAlarm(const Alarm& alarm);
  void dismiss();
  QString text() const;
  // The remedy buttons shown (tests), in order; each button's objectName is "remedy-" + the remedy's name.
  QList<QPushButton*> remedyButtons() const { return buttons_; }
  // "Switch to WGAN-GP" for "wgan-gp", and so on; the name itself when unknown.
  static QString remedyLabel(const QString& name);

 Q_SIGNALS:
  void remedyChosen(const QString& name);
  void detailsRequested();  // "Show health charts"

 private:
  QLabel* icon_;
  QLabel* message_;
  QHBoxLayout* buttons_row_;
  QList<QPushButton*> buttons_;
};

}  // namespace gs

#pragma once
// Stops the mouse wheel from editing spin boxes and combo boxes the user is only scrolling past: they take the
// wheel only once focused (clicked or tabbed into); otherwise the wheel scrolls the panel around them.
#include <QObject>

class QWidget;

namespace gs {

class WheelGuard : public QObject {
  Q_OBJECT
 public:
  // Guards every spin box and combo box under `root` (those that exist now).
  static void install(QWidget* root);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  explicit WheelGuard(QObject* parent) : QObject(parent) {}
};

}  // namespace gs

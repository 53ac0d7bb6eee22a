#include "ui/widgets/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QCoreApplication>
#include <QScrollBar>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace gs {

void WheelGuard::install(QWidget* root) {
  auto* guard = new WheelGuard(root);
  QList<QWidget*> boxes;
  for (auto* w : root->findChildren<QAbstractSpinBox*>()) boxes << w;
  for (auto* w : root->findChildren<QComboBox*>()) boxes << w;
  for (QWidget* box : boxes) {
    box->setFocusPolicy(Qt::StrongFocus);  // the wheel alone does not focus it
    box->installEventFilter(guard);
  }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Wheel) {
    auto* box = qobject_cast<QWidget*>(watched);
    if (box && !box->hasFocus()) {
      // Not for the box: the scroll area around it scrolls instead, as if the box were not there.
      for (QWidget* w = box->parentWidget(); w; w = w->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(w)) {
          QCoreApplication::sendEvent(area->verticalScrollBar(), event);
          break;
        }
      return true;
    }
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace gs

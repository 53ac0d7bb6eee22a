#include "ui/widgets/app_style.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace gs {

void applyAppStyle(QApplication& app) {
  app.setStyle(QStyleFactory::create("Fusion"));
  QPalette p;
  const QColor window(37, 39, 43), base(27, 29, 32), text(222, 224, 228), mid(60, 63, 68);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, QColor(50, 53, 58));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::PlaceholderText, QColor(130, 134, 140));
  p.setColor(QPalette::Button, QColor(48, 51, 56));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::Mid, mid);
  p.setColor(QPalette::Highlight, QColor(64, 140, 230));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(110, 170, 250));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, QColor(120, 123, 128));
  app.setPalette(p);
  app.setStyleSheet(
      "QDockWidget::title { padding: 6px; background: #2b2e33; font-weight: bold; }"
      "QGroupBox { border: 1px solid #3c3f44; border-radius: 4px; margin-top: 14px; padding-top: 6px; }"
      "QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #aab0b8; }"
      "QPushButton { padding: 4px 12px; }"
      "QPushButton#primary:enabled { background: #2f6fbf; color: white; font-weight: bold; }"
      "QLabel#banner { background: #6b2326; color: #ffe0e0; padding: 6px 10px; border-radius: 3px; }"
      "QLabel#sectionTitle { color: #aab0b8; font-weight: bold; padding-top: 6px; }"
      "QTabBar::tab { padding: 6px 16px; }"
      // A setting changed from its default (TrainingPanel::markChanged).
      "QAbstractSpinBox[changed=\"true\"], QComboBox[changed=\"true\"], QCheckBox[changed=\"true\"] "
      "{ color: #f0b44c; }");
}

}  // namespace gs

#pragma once
// The small, explicit part of the main window that its parts (explorer, exports, runs, health) may use: a parent
// for dialogs, the View menu, a bottom dock beside the training charts, a banner under the error banner, and the
// error banner and status bar themselves. Parts get this instead of the window, so none of them looks up widgets
// by name or text.
#include <QString>

class QDockWidget;
class QMenu;
class QWidget;

namespace gs {

class WindowShell {
 public:
  virtual ~WindowShell() = default;
  virtual QWidget* dialogParent() = 0;
  virtual QMenu* viewMenu() = 0;
  // Adds `dock` to the bottom area as a tab beside the training charts (which stay in front) and to the View menu.
  virtual void addBottomDock(QDockWidget* dock) = 0;
  // Puts `banner` in the centre column right under the error banner.
  virtual void insertBanner(QWidget* banner) = 0;
  virtual void showError(const QString& message) = 0;
  virtual void clearError() = 0;
  virtual void showStatus(const QString& message, int timeout_ms = 0) = 0;
};

}  // namespace gs

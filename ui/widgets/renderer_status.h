#pragma once
// The renderer in use, shown to the user: a permanent status-bar label and Help > About; and a screenshot of
// a window that includes its GPU-drawn canvases (QWidget::grab() does not see native child windows).
#include <QImage>

class QMainWindow;
class QWidget;

namespace gs {

// Adds the "rendererLabel" status-bar label (kept up to date) and a Help menu with "aboutAction".
void addRendererStatus(QMainWindow* window);
// `window` as grab() paints it, with each visible Vulkan-drawn ImageCanvas's last frame drawn in its place.
QImage grabWithCanvases(QWidget* window);

}  // namespace gs

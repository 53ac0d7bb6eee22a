#pragma once
// A drawing surface an ImageCanvas hands its picture to instead of painting it with QPainter (the Vulkan one).
#include <QColor>
#include <QImage>
#include <QRectF>
#include <QString>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

class QWidget;
class QWindow;

namespace gs {

// Everything the canvas shows, in the surface's own coordinates (logical pixels, origin at its top left).
struct CanvasScene {
  QImage image;                  // Format_RGBA8888; null: background only
  quint64 image_serial = 0;      // changes whenever `image` does, so the surface uploads only new frames
  QImage reference;              // difference view: the image compared with `image` (same size), or null
  quint64 reference_serial = 0;
  float difference_opacity = 0;  // 0: no heat overlay, 1: heat only
  QRectF target;                 // where the image lies on the surface
  QColor background, highlight;
  int columns = 0, rows = 0, padding = 0;  // grid mode when columns and rows > 0
  int hover = -1;                          // hovered grid cell
  std::vector<std::pair<int, QColor>> outlines;
  bool smooth = false;  // bilinear instead of nearest
};

class CanvasSurface {
 public:
  virtual ~CanvasSurface() = default;
  // The child widget to place over the canvas's image area; it forwards mouse and wheel events to the canvas.
  virtual QWidget* widget() = 0;
  virtual QWindow* window() = 0;  // the native window inside widget() (tests drive it with QTest)
  virtual void show(const CanvasScene& scene) = 0;
  // The last frame as drawn (for tests and screenshots); null if none yet.
  virtual QImage grabFrame() = 0;
};

// A Vulkan surface over `canvas`, or null when there is no Vulkan device (or QPainter was asked for).
// `on_lost` runs (queued, on the GUI thread) if the device is lost later; the canvas then drops the surface.
// `on_drawn` runs on the GUI thread each time a frame showing the scene's image `image_serial` is submitted.
std::unique_ptr<CanvasSurface> makeVulkanSurface(QWidget* canvas, std::function<void(const QString&)> on_lost,
                                                 std::function<void(quint64)> on_drawn);

}  // namespace gs

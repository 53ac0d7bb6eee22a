#include "ui/widgets/vulkan_canvas.h"

#include <QContextMenuEvent>
#include <QExposeEvent>
#include <QCoreApplication>
#include <QMouseEvent>
#include <QPointer>
#include <QWheelEvent>
#include <QWidget>

#include "ui/widgets/render_backend.h"
#include "ui/widgets/vulkan_renderer.h"

namespace gs {

VulkanCanvasWindow::VulkanCanvasWindow(QWidget* canvas, std::function<void(const QString&)> on_failure,
                                       std::function<void(quint64)> on_drawn)
    : canvas_(canvas), on_failure_(std::move(on_failure)), on_drawn_(std::move(on_drawn)) {
  setVulkanInstance(canvasVulkanInstance());
  // UNORM, not sRGB: the shader's output bytes are the image's bytes, as with QPainter.
  setPreferredColorFormats({VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM});
}

QVulkanWindowRenderer* VulkanCanvasWindow::createRenderer() {
  return new VulkanCanvasRenderer(this, &scene_, on_failure_, on_drawn_);
}

void VulkanCanvasWindow::setScene(CanvasScene scene) {
  scene_ = std::move(scene);
  requestUpdate();
}

QImage VulkanCanvasWindow::grabFrame() {
  if (!isValid() || !isExposed()) return {};
  QImage frame = grab();
  if (frame.isNull()) return {};
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
  const VkFormat format = colorFormat();
  if (format == VK_FORMAT_B8G8R8A8_UNORM || format == VK_FORMAT_B8G8R8A8_SRGB) frame = frame.rgbSwapped();
#endif
  return frame.convertToFormat(QImage::Format_RGB32);
}

void VulkanCanvasWindow::exposeEvent(QExposeEvent* event) {
  QVulkanWindow::exposeEvent(event);  // creates the device and swap chain on first exposure
  // No device, queue or swap chain for this window (QVulkanWindow has printed why): QPainter takes over.
  if (isExposed() && !isValid() && on_failure_) {
    on_failure_("Vulkan window could not start");
    on_failure_ = nullptr;
  }
}

void VulkanCanvasWindow::forward(QEvent* event) { QCoreApplication::sendEvent(canvas_, event); }

bool VulkanCanvasWindow::event(QEvent* event) {
  // The canvas owns all interaction: events arrive in the window's coordinates, offset by the container's place.
  const QPointF offset = container_ ? QPointF(container_->pos()) : QPointF();
  switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove: {
      auto* e = static_cast<QMouseEvent*>(event);
      QMouseEvent copy(e->type(), e->position() + offset, e->globalPosition(), e->button(), e->buttons(),
                       e->modifiers(), e->pointingDevice());
      forward(&copy);
      if (e->type() == QEvent::MouseButtonPress && e->button() == Qt::RightButton) {
        QContextMenuEvent menu(QContextMenuEvent::Mouse, (e->position() + offset).toPoint(),
                               e->globalPosition().toPoint(), e->modifiers());
        forward(&menu);
      }
      return true;
    }
    case QEvent::Wheel: {
      auto* e = static_cast<QWheelEvent*>(event);
      QWheelEvent copy(e->position() + offset, e->globalPosition(), e->pixelDelta(), e->angleDelta(), e->buttons(),
                       e->modifiers(), e->phase(), e->inverted(), e->source(), e->pointingDevice());
      forward(&copy);
      return true;
    }
    case QEvent::Leave: {
      QEvent leave(QEvent::Leave);
      forward(&leave);
      break;
    }
    default:
      break;
  }
  return QVulkanWindow::event(event);
}

VulkanCanvasSurface::VulkanCanvasSurface(QWidget* canvas, std::function<void(const QString&)> on_failure,
                                         std::function<void(quint64)> on_drawn) {
  // Failures surface inside the renderer's callbacks; the canvas hears of them once control is back in the loop.
  QPointer<QWidget> guard(canvas);
  auto queued = [guard, on_failure = std::move(on_failure)](const QString& why) {
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [guard, on_failure, why] {
          if (guard) on_failure(why);
        },
        Qt::QueuedConnection);
  };
  window_ = new VulkanCanvasWindow(canvas, queued, std::move(on_drawn));
  container_ = QWidget::createWindowContainer(window_, canvas);
  container_->setObjectName("vulkanSurface");
  window_->setContainer(container_);
}

VulkanCanvasSurface::~VulkanCanvasSurface() { delete container_; }

std::unique_ptr<CanvasSurface> makeVulkanSurface(QWidget* canvas, std::function<void(const QString&)> on_lost,
                                                 std::function<void(quint64)> on_drawn) {
  if (!canvasVulkanInstance()) return nullptr;
  return std::make_unique<VulkanCanvasSurface>(canvas, std::move(on_lost), std::move(on_drawn));
}

}  // namespace gs

#pragma once
// The Vulkan surface of an ImageCanvas: a QVulkanWindow in a window container over the canvas, drawing the
// canvas's scene with VulkanCanvasRenderer and handing mouse and wheel events back to the canvas.
#include <QVulkanWindow>

#include <functional>

#include "ui/widgets/canvas_surface.h"

namespace gs {

class VulkanCanvasWindow : public QVulkanWindow {
 public:
  VulkanCanvasWindow(QWidget* canvas, std::function<void(const QString&)> on_failure,
                     std::function<void(quint64)> on_drawn);
  QVulkanWindowRenderer* createRenderer() override;
  void setScene(CanvasScene scene);
  // The last frame as RGB (Qt 6.4's grab() hands a BGRA swapchain back with red and blue swapped).
  QImage grabFrame();
  void setContainer(QWidget* container) { container_ = container; }

 protected:
  bool event(QEvent* event) override;
  void exposeEvent(QExposeEvent* event) override;

 private:
  void forward(QEvent* event);

  QWidget* canvas_;
  QWidget* container_ = nullptr;
  std::function<void(const QString&)> on_failure_;
  std::function<void(quint64)> on_drawn_;
  CanvasScene scene_;
};

class VulkanCanvasSurface : public CanvasSurface {
 public:
  VulkanCanvasSurface(QWidget* canvas, std::function<void(const QString&)> on_failure,
                      std::function<void(quint64)> on_drawn);
  ~VulkanCanvasSurface() override;
  QWidget* widget() override { return container_; }
  QWindow* window() override { return window_; }
  void show(const CanvasScene& scene) override { window_->setScene(scene); }
  QImage grabFrame() override { return window_->grabFrame(); }

 private:
  VulkanCanvasWindow* window_;  // owned by the container
  QWidget* container_;
};

}  // namespace gs

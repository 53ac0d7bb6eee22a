#pragma once
// Draws a CanvasScene into a QVulkanWindow: one pipeline (a full-screen triangle and shaders/canvas.frag), one
// uniform block per frame in flight, the image and the difference reference as textures uploaded only when
// they change. Created once per device; nothing is re-created per frame.
#include <QVulkanWindow>

#include <array>
#include <functional>

#include "ui/widgets/vulkan_texture.h"

namespace gs {

struct CanvasScene;

class VulkanCanvasRenderer : public QVulkanWindowRenderer {
 public:
  // `scene` is read at each frame; `on_failure` is called with a reason when the device is lost or fails;
  // `on_drawn` with the image serial of each frame submitted.
  VulkanCanvasRenderer(QVulkanWindow* window, const CanvasScene* scene, std::function<void(const QString&)> on_failure,
                       std::function<void(quint64)> on_drawn);

  void initResources() override;
  void releaseResources() override;
  void startNextFrame() override;
  void logicalDeviceLost() override;
  void physicalDeviceLost() override;

 private:
  void createPipeline();
  VkShaderModule loadShader(const QString& resource);
  void writeDescriptors();
  void writeParams(int slot);

  QVulkanWindow* window_;
  const CanvasScene* scene_;
  std::function<void(const QString&)> on_failure_;
  std::function<void(quint64)> on_drawn_;
  bool failed_ = false;

  VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout pipeline_layout_ = VK_NULL_HANDLE;
  VkPipeline pipeline_ = VK_NULL_HANDLE;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  std::array<VkDescriptorSet, QVulkanWindow::MAX_CONCURRENT_FRAME_COUNT> sets_{};
  VkSampler sampler_ = VK_NULL_HANDLE;
  VkBuffer uniforms_ = VK_NULL_HANDLE;
  VkDeviceMemory uniform_memory_ = VK_NULL_HANDLE;
  char* uniform_mapped_ = nullptr;
  VkDeviceSize uniform_stride_ = 0;  // one aligned block per frame in flight

  VulkanTexture image_, reference_;
  quint64 image_serial_ = ~0ull, reference_serial_ = ~0ull;  // what the textures hold
};

}  // namespace gs

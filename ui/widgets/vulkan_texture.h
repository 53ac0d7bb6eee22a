#pragma once
// A sampled RGBA8 texture fed from persistent, mapped staging buffers (one per frame in flight): re-created only
// when the image size changes, uploaded by a copy recorded in the frame's command buffer.
#include <QImage>
#include <QVulkanWindow>

#include <array>

namespace gs {

class VulkanTexture {
 public:
  void init(QVulkanWindow* window) { window_ = window; }
  // Makes the texture `size` (at least 1 x 1). True when it was (re)created: descriptors must be rewritten.
  bool ensureSize(QSize size);
  // Copies `image` (any format; converted to RGBA8888, black when null) into `slot`'s staging buffer and records
  // the copy to the texture in `cb`, leaving it ready for fragment shader reads.
  void upload(VkCommandBuffer cb, int slot, const QImage& image);
  VkImageView view() const { return view_; }
  QSize size() const { return size_; }
  void release();

 private:
  struct Staging {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    void* mapped = nullptr;
  };
  uint32_t memoryType(uint32_t allowed, uint32_t preferred) const;

  QVulkanWindow* window_ = nullptr;
  QSize size_;
  VkImage image_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkImageView view_ = VK_NULL_HANDLE;
  bool initialised_ = false;  // has left VK_IMAGE_LAYOUT_UNDEFINED
  std::array<Staging, QVulkanWindow::MAX_CONCURRENT_FRAME_COUNT> staging_{};
};

}  // namespace gs

#include "ui/widgets/vulkan_texture.h"

#include <QVulkanDeviceFunctions>
#include <QVulkanFunctions>

#include <cstring>
#include <stdexcept>

namespace gs {
namespace {

void check(VkResult result, const char* what) {
  if (result != VK_SUCCESS) throw std::runtime_error(std::string("Vulkan canvas: ") + what + " failed (" +
                                                     std::to_string(int(result)) + ")");
}

}  // namespace

uint32_t VulkanTexture::memoryType(uint32_t allowed, uint32_t preferred) const {
  if (allowed & (1u << preferred)) return preferred;
  VkPhysicalDeviceMemoryProperties props{};
  window_->vulkanInstance()->functions()->vkGetPhysicalDeviceMemoryProperties(window_->physicalDevice(), &props);
  const VkMemoryPropertyFlags wanted = (preferred == window_->hostVisibleMemoryIndex())
                                           ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                           : 0;
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i)
    if ((allowed & (1u << i)) && (props.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
  throw std::runtime_error("Vulkan canvas: no suitable memory type");
}

bool VulkanTexture::ensureSize(QSize size) {
  size = size.expandedTo(QSize(1, 1));
  if (size == size_ && image_) return false;
  // Frames in flight may still read the old texture.
  if (image_) window_->vulkanInstance()->deviceFunctions(window_->device())->vkDeviceWaitIdle(window_->device());
  release();
  QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
  VkDevice dev = window_->device();
  size_ = size;

  VkImageCreateInfo info{};

  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = VK_FORMAT_R8G8B8A8_UNORM;
  info.extent = {uint32_t(size.width()), uint32_t(size.height()), 1};
  info.mipLevels = info.arrayLayers = 1;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  check(df->vkCreateImage(dev, &info, nullptr, &image_), "vkCreateImage");
  VkMemoryRequirements req{};
  df->vkGetImageMemoryRequirements(dev, image_, &req);
  VkMemoryAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = memoryType(req.memoryTypeBits, window_->deviceLocalMemoryIndex());
  check(df->vkAllocateMemory(dev, &alloc, nullptr, &memory_), "vkAllocateMemory (texture)");
  check(df->vkBindImageMemory(dev, image_, memory_, 0), "vkBindImageMemory");

  VkImageViewCreateInfo view{};

  view.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
  view.image = image_;
  view.viewType = VK_IMAGE_VIEW_TYPE_2D;
  view.format = info.format;
  view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  check(df->vkCreateImageView(dev, &view, nullptr, &view_), "vkCreateImageView");

  // One persistent, mapped staging buffer per frame in flight: a frame's copy never races the next upload.
  const VkDeviceSize bytes = VkDeviceSize(size.width()) * size.height() * 4;
  for (int i = 0; i < window_->concurrentFrameCount(); ++i) {
    Staging& s = staging_[size_t(i)];
    VkBufferCreateInfo buf{};
    buf.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    buf.size = bytes;
    buf.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
    check(df->vkCreateBuffer(dev, &buf, nullptr, &s.buffer), "vkCreateBuffer (staging)");
    df->vkGetBufferMemoryRequirements(dev, s.buffer, &req);
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = memoryType(req.memoryTypeBits, window_->hostVisibleMemoryIndex());
    check(df->vkAllocateMemory(dev, &alloc, nullptr, &s.memory), "vkAllocateMemory (staging)");
    check(df->vkBindBufferMemory(dev, s.buffer, s.memory, 0), "vkBindBufferMemory");
    check(df->vkMapMemory(dev, s.memory, 0, bytes, 0, &s.mapped), "vkMapMemory");
  }
  initialised_ = false;
  return true;
}

void VulkanTexture::upload(VkCommandBuffer cb, int slot, const QImage& image) {
  QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
  Staging& s = staging_[size_t(slot)];
  const int row_bytes = size_.width() * 4;
  if (image.isNull() || image.size() != size_) {
    std::memset(s.mapped, 0, size_t(row_bytes) * size_.height());
  } else {
    const QImage rgba = image.format() == QImage::Format_RGBA8888 ? image : image.convertToFormat(QImage::Format_RGBA8888);
    for (int y = 0; y < size_.height(); ++y)
      std::memcpy(static_cast<char*>(s.mapped) + size_t(y) * row_bytes, rgba.constScanLine(y), size_t(row_bytes));
  }

  VkImageMemoryBarrier barrier{};

  barrier.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image_;
  barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  // Earlier frames' fragment reads finish before the copy overwrites the texture.
  barrier.oldLayout = initialised_ ? VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL : VK_IMAGE_LAYOUT_UNDEFINED;
  barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  barrier.srcAccessMask = 0;
  barrier.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  df->vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr,
                           0, nullptr, 1, &barrier);
  VkBufferImageCopy copy{};
  copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  copy.imageExtent = {uint32_t(size_.width()), uint32_t(size_.height()), 1};
  df->vkCmdCopyBufferToImage(cb, s.buffer, image_, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &copy);
  barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  barrier.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
  df->vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0, nullptr,
                           0, nullptr, 1, &barrier);
  initialised_ = true;
}

void VulkanTexture::release() {
  if (!window_ || !window_->device()) return;
  QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
  VkDevice dev = window_->device();
  for (Staging& s : staging_) {
    if (s.buffer) df->vkDestroyBuffer(dev, s.buffer, nullptr);
    if (s.memory) df->vkFreeMemory(dev, s.memory, nullptr);  // unmaps too
    s = Staging{};
  }
  if (view_) df->vkDestroyImageView(dev, view_, nullptr);
  if (image_) df->vkDestroyImage(dev, image_, nullptr);
  if (memory_) df->vkFreeMemory(dev, memory_, nullptr);
  view_ = VK_NULL_HANDLE;
  image_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  size_ = {};
  initialised_ = false;
}

}  // namespace gs

#include "ui/widgets/vulkan_renderer.h"

#include <QFile>
#include <QVulkanDeviceFunctions>
#include <QVulkanFunctions>

#include <cstring>
#include <stdexcept>

#include "ui/widgets/canvas_surface.h"

namespace gs {
namespace {

// The uniform block of shaders/canvas.frag (std140).
struct Params {
  float target[4];
  float background[4];
  float highlight[4];
  int32_t grid[4];  // columns, rows, padding, hover
  float options[4];  // smooth, difference opacity, has reference, unused
  float outline[256][4];
};
static_assert(sizeof(Params) == 16 * 5 + 16 * 256, "std140 layout of canvas.frag's Params");

void check(VkResult result, const char* what) {
  if (result != VK_SUCCESS)
    throw std::runtime_error(std::string("Vulkan canvas: ") + what + " failed (" + std::to_string(int(result)) + ")");
}

void putColour(float* out, const QColor& c) {
  out[0] = float(c.redF());
  out[1] = float(c.greenF());
  out[2] = float(c.blueF());
  out[3] = float(c.alphaF());
}

}  // namespace

VulkanCanvasRenderer::VulkanCanvasRenderer(QVulkanWindow* window, const CanvasScene* scene,
                                           std::function<void(const QString&)> on_failure,
                                           std::function<void(quint64)> on_drawn)
    : window_(window), scene_(scene), on_failure_(std::move(on_failure)), on_drawn_(std::move(on_drawn)) {
  image_.init(window);
  reference_.init(window);
}

VkShaderModule VulkanCanvasRenderer::loadShader(const QString& resource) {
  QFile file(resource);
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("Vulkan canvas: missing shader " + resource.toStdString());
  const QByteArray code = file.readAll();
  VkShaderModuleCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  info.codeSize = size_t(code.size());
  info.pCode = reinterpret_cast<const uint32_t*>(code.constData());
  VkShaderModule module = VK_NULL_HANDLE;
  check(window_->vulkanInstance()->deviceFunctions(window_->device())->vkCreateShaderModule(window_->device(), &info,
                                                                                            nullptr, &module),
        "vkCreateShaderModule");
  return module;
}

void VulkanCanvasRenderer::initResources() {
  try {
    QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
    VkDevice dev = window_->device();
    const int frames = window_->concurrentFrameCount();

    // Uniforms: one block per frame in flight, mapped for the renderer's lifetime.
    VkPhysicalDeviceProperties props{};
    window_->vulkanInstance()->functions()->vkGetPhysicalDeviceProperties(window_->physicalDevice(), &props);
    const VkDeviceSize align = std::max<VkDeviceSize>(1, props.limits.minUniformBufferOffsetAlignment);
    uniform_stride_ = (sizeof(Params) + align - 1) / align * align;
    VkBufferCreateInfo buf{};
    buf.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    buf.size = uniform_stride_ * VkDeviceSize(frames);
    buf.usage = VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT;
    check(df->vkCreateBuffer(dev, &buf, nullptr, &uniforms_), "vkCreateBuffer (uniforms)");
    VkMemoryRequirements req{};
    df->vkGetBufferMemoryRequirements(dev, uniforms_, &req);
    if (!(req.memoryTypeBits & (1u << window_->hostVisibleMemoryIndex())))
      throw std::runtime_error("Vulkan canvas: no host-visible memory for uniforms");
    VkMemoryAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = window_->hostVisibleMemoryIndex();
    check(df->vkAllocateMemory(dev, &alloc, nullptr, &uniform_memory_), "vkAllocateMemory (uniforms)");
    check(df->vkBindBufferMemory(dev, uniforms_, uniform_memory_, 0), "vkBindBufferMemory");
    void* mapped = nullptr;
    check(df->vkMapMemory(dev, uniform_memory_, 0, req.size, 0, &mapped), "vkMapMemory (uniforms)");
    uniform_mapped_ = static_cast<char*>(mapped);

    // texelFetch ignores filtering; the shader does nearest and bilinear itself.
    VkSamplerCreateInfo sampler{};
    sampler.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
    sampler.magFilter = sampler.minFilter = VK_FILTER_NEAREST;
    sampler.addressModeU = sampler.addressModeV = sampler.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    sampler.maxLod = 0;
    check(df->vkCreateSampler(dev, &sampler, nullptr, &sampler_), "vkCreateSampler");

    VkDescriptorSetLayoutBinding bindings[3] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}};
    VkDescriptorSetLayoutCreateInfo layout{};
    layout.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    layout.bindingCount = 3;
    layout.pBindings = bindings;
    check(df->vkCreateDescriptorSetLayout(dev, &layout, nullptr, &set_layout_), "vkCreateDescriptorSetLayout");
    VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, uint32_t(frames)},
                                     {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, uint32_t(2 * frames)}};
    VkDescriptorPoolCreateInfo pool{};
    pool.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    pool.maxSets = uint32_t(frames);
    pool.poolSizeCount = 2;
    pool.pPoolSizes = sizes;
    check(df->vkCreateDescriptorPool(dev, &pool, nullptr, &pool_), "vkCreateDescriptorPool");
    for (int i = 0; i < frames; ++i) {
      VkDescriptorSetAllocateInfo info{};
      info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
      info.descriptorPool = pool_;
      info.descriptorSetCount = 1;
      info.pSetLayouts = &set_layout_;
      check(df->vkAllocateDescriptorSets(dev, &info, &sets_[size_t(i)]), "vkAllocateDescriptorSets");
    }
    image_.ensureSize({1, 1});
    reference_.ensureSize({1, 1});
    image_serial_ = reference_serial_ = ~0ull;
    writeDescriptors();
    createPipeline();
  } catch (const std::exception& e) {
    failed_ = true;
    on_failure_(QString::fromStdString(e.what()));
  }
}

void VulkanCanvasRenderer::createPipeline() {
  QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
  VkDevice dev = window_->device();
  VkPipelineLayoutCreateInfo layout{};
  layout.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layout.setLayoutCount = 1;
  layout.pSetLayouts = &set_layout_;
  check(df->vkCreatePipelineLayout(dev, &layout, nullptr, &pipeline_layout_), "vkCreatePipelineLayout");

  VkShaderModule vert = loadShader(":/shaders/canvas.vert.spv");
  VkShaderModule frag = loadShader(":/shaders/canvas.frag.spv");
  VkPipelineShaderStageCreateInfo stages[2] = {
      {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT, vert, "main", nullptr},
      {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT, frag, "main", nullptr}};
  VkPipelineVertexInputStateCreateInfo vertex{};
  vertex.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  VkPipelineInputAssemblyStateCreateInfo assembly{};
  assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = window_->sampleCountFlagBits();
  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  VkPipelineColorBlendAttachmentState attachment{};
  attachment.colorWriteMask = 0xF;
  VkPipelineColorBlendStateCreateInfo blend{};
  blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blend.attachmentCount = 1;
  blend.pAttachments = &attachment;
  const VkDynamicState dynamic_states[2] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamic_states;

  VkGraphicsPipelineCreateInfo info{};

  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.stageCount = 2;
  info.pStages = stages;
  info.pVertexInputState = &vertex;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = pipeline_layout_;
  info.renderPass = window_->defaultRenderPass();
  const VkResult result = df->vkCreateGraphicsPipelines(dev, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline_);
  df->vkDestroyShaderModule(dev, vert, nullptr);
  df->vkDestroyShaderModule(dev, frag, nullptr);
  check(result, "vkCreateGraphicsPipelines");
}

void VulkanCanvasRenderer::writeDescriptors() {
  QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
  for (int i = 0; i < window_->concurrentFrameCount(); ++i) {
    const VkDescriptorBufferInfo buffer{uniforms_, uniform_stride_ * VkDeviceSize(i), sizeof(Params)};
    const VkDescriptorImageInfo images[2] = {{sampler_, image_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
                                             {sampler_, reference_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL}};
    VkWriteDescriptorSet writes[3]{};
    for (uint32_t b = 0; b < 3; ++b) {
      writes[b].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[b].dstSet = sets_[size_t(i)];
      writes[b].dstBinding = b;
      writes[b].descriptorCount = 1;
      writes[b].descriptorType = b == 0 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    }
    writes[0].pBufferInfo = &buffer;
    writes[1].pImageInfo = &images[0];
    writes[2].pImageInfo = &images[1];
    df->vkUpdateDescriptorSets(window_->device(), 3, writes, 0, nullptr);
  }
}

void VulkanCanvasRenderer::writeParams(int slot) {
  const CanvasScene& s = *scene_;
  Params p{};
  // The surface's coordinates are logical pixels; the framebuffer has device pixels.
  const double dpr = window_->devicePixelRatio();
  const QRectF t = s.image.isNull() ? QRectF() : s.target;
  p.target[0] = float(t.x() * dpr);
  p.target[1] = float(t.y() * dpr);
  p.target[2] = float(t.width() * dpr);
  p.target[3] = float(t.height() * dpr);
  putColour(p.background, s.background);
  putColour(p.highlight, s.highlight);
  p.grid[0] = s.columns;
  p.grid[1] = s.rows;
  p.grid[2] = s.padding;
  p.grid[3] = s.hover;
  p.options[0] = s.smooth ? 1.0f : 0.0f;
  p.options[1] = s.difference_opacity;
  p.options[2] = !s.reference.isNull() && s.reference.size() == s.image.size() ? 1.0f : 0.0f;
  for (const auto& [cell, colour] : s.outlines)
    if (cell >= 0 && cell < 256) putColour(p.outline[cell], colour);
  std::memcpy(uniform_mapped_ + uniform_stride_ * VkDeviceSize(slot), &p, sizeof(p));
}

void VulkanCanvasRenderer::startNextFrame() {
  if (failed_) return window_->frameReady();
  try {
    QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(window_->device());
    VkCommandBuffer cb = window_->currentCommandBuffer();
    const int slot = window_->currentFrame();
    const CanvasScene& s = *scene_;

    // New frames only: the same image is never uploaded twice; the textures change size only with the image.
    bool resized = image_.ensureSize(s.image.size());
    resized = reference_.ensureSize(s.reference.isNull() ? QSize(1, 1) : s.reference.size()) || resized;
    if (resized) {
      writeDescriptors();
      image_serial_ = reference_serial_ = ~0ull;
    }
    if (image_serial_ != s.image_serial) image_.upload(cb, slot, s.image);
    if (reference_serial_ != s.reference_serial) reference_.upload(cb, slot, s.reference);
    image_serial_ = s.image_serial;
    reference_serial_ = s.reference_serial;
    writeParams(slot);

    const QSize size = window_->swapChainImageSize();
    VkClearValue clear[3]{};
    clear[0].color = {{float(s.background.redF()), float(s.background.greenF()), float(s.background.blueF()), 1.0f}};
    clear[1].depthStencil = {1.0f, 0};
    clear[2].color = clear[0].color;
    VkRenderPassBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
    begin.renderPass = window_->defaultRenderPass();
    begin.framebuffer = window_->currentFramebuffer();
    begin.renderArea.extent = {uint32_t(size.width()), uint32_t(size.height())};
    begin.clearValueCount = window_->sampleCountFlagBits() > VK_SAMPLE_COUNT_1_BIT ? 3 : 2;
    begin.pClearValues = clear;
    df->vkCmdBeginRenderPass(cb, &begin, VK_SUBPASS_CONTENTS_INLINE);
    df->vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_);
    df->vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_layout_, 0, 1, &sets_[size_t(slot)], 0,
                                nullptr);
    const VkViewport viewport{0, 0, float(size.width()), float(size.height()), 0, 1};
    df->vkCmdSetViewport(cb, 0, 1, &viewport);
    const VkRect2D scissor{{0, 0}, {uint32_t(size.width()), uint32_t(size.height())}};
    df->vkCmdSetScissor(cb, 0, 1, &scissor);
    df->vkCmdDraw(cb, 3, 1, 0, 0);
    df->vkCmdEndRenderPass(cb);
  } catch (const std::exception& e) {
    failed_ = true;
    on_failure_(QString::fromStdString(e.what()));
  }
  window_->frameReady();
  if (!failed_ && on_drawn_) on_drawn_(scene_->image_serial);
}

void VulkanCanvasRenderer::releaseResources() {
  VkDevice dev = window_->device();
  if (!dev) return;
  QVulkanDeviceFunctions* df = window_->vulkanInstance()->deviceFunctions(dev);
  image_.release();
  reference_.release();
  if (pipeline_) df->vkDestroyPipeline(dev, pipeline_, nullptr);
  if (pipeline_layout_) df->vkDestroyPipelineLayout(dev, pipeline_layout_, nullptr);
  if (pool_) df->vkDestroyDescriptorPool(dev, pool_, nullptr);
  if (set_layout_) df->vkDestroyDescriptorSetLayout(dev, set_layout_, nullptr);
  if (sampler_) df->vkDestroySampler(dev, sampler_, nullptr);
  if (uniforms_) df->vkDestroyBuffer(dev, uniforms_, nullptr);
  if (uniform_memory_) df->vkFreeMemory(dev, uniform_memory_, nullptr);
  pipeline_ = VK_NULL_HANDLE;
  pipeline_layout_ = VK_NULL_HANDLE;
  pool_ = VK_NULL_HANDLE;
  set_layout_ = VK_NULL_HANDLE;
  sampler_ = VK_NULL_HANDLE;
  uniforms_ = VK_NULL_HANDLE;
  uniform_memory_ = VK_NULL_HANDLE;
  uniform_mapped_ = nullptr;
  sets_ = {};
}

void VulkanCanvasRenderer::logicalDeviceLost() { on_failure_("Vulkan device lost"); }

void VulkanCanvasRenderer::physicalDeviceLost() { on_failure_("Vulkan device removed"); }

}  // namespace gs

#include "models/resnet_generator.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/functional/instancenorm.h>
#include <torch/nn/modules/instancenorm.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/modules/padding.h>

#include <string>

#include "models/cpu_speed.h"
#include "util/error.h"

namespace gs {
namespace {

using namespace torch::nn;

InstanceNorm2d norm(int64_t channels) { return InstanceNorm2d(InstanceNorm2dOptions(channels)); }

// 3x3 stride-1 convolution with reflection padding, then instance norm.
void addReflectedConv(Sequential& s, int64_t channels) {
  s->push_back(ReflectionPad2d(ReflectionPad2dOptions(1)));
  s->push_back(Conv2d(Conv2dOptions(channels, channels, 3)));
  s->push_back(norm(channels));
}

}  // namespace

int resnetBlocks(int resolution) { return resolution >= 256 ? 9 : 6; }

ResnetGeneratorImpl::ResnetGeneratorImpl(const ModelConfig& config, int64_t in_channels, int64_t out_channels)
    : blocks_(resnetBlocks(config.resolution)) {
  const int r = config.resolution;
  if (r != 32 && r != 64 && r != 128 && r != 256)
    throw GanscopeError("model resolution " + std::to_string(r) + " is not supported (use 32, 64, 128 or 256)");
  for (int64_t ch : {in_channels, out_channels})
    if (ch != 1 && ch != 3 && ch != 4)
      throw GanscopeError("image-to-image channels " + std::to_string(ch) + " are not supported (use 1, 3 or 4)");
  if (config.g_width < 1 || config.g_width > 1024) throw GanscopeError("g_width must be in 1-1024");
  tuneCpuAllocator();
  const int64_t w = config.g_width;

  head_ = register_module("head", Sequential());
  head_->push_back(ReflectionPad2d(ReflectionPad2dOptions(3)));
  head_->push_back(Conv2d(Conv2dOptions(in_channels, w, 7)));
  head_->push_back(norm(w));
  head_->push_back(ReLU());
  for (int64_t m : {1, 2}) {
    head_->push_back(Conv2d(Conv2dOptions(w * m, w * m * 2, 3).stride(2).padding(1)));
    head_->push_back(norm(w * m * 2));
    head_->push_back(ReLU());
  }
  residual_ = register_module("residual", ModuleList());
  for (int i = 0; i < blocks_; ++i) {
    Sequential block;
    addReflectedConv(block, 4 * w);
    block->push_back(ReLU());
    addReflectedConv(block, 4 * w);
    residual_->push_back(block);
  }
  tail_ = register_module("tail", Sequential());
  for (int64_t m : {4, 2}) {
    tail_->push_back(ConvTranspose2d(ConvTranspose2dOptions(w * m, w * m / 2, 3).stride(2).padding(1).output_padding(1)));
    tail_->push_back(norm(w * m / 2));
    tail_->push_back(ReLU());
  }
  tail_->push_back(ReflectionPad2d(ReflectionPad2dOptions(3)));
  tail_->push_back(Conv2d(Conv2dOptions(w, out_channels, 7)));

  // The paper's initialisation: weights N(0, 0.02), biases 0.
  at::NoGradGuard no_grad;
  for (auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<Conv2dImpl>()) {
      conv->weight.normal_(0.0, 0.02);
      conv->bias.zero_();
    } else if (auto* up = m->as<ConvTranspose2dImpl>()) {
      up->weight.normal_(0.0, 0.02);
      up->bias.zero_();
    }
  }
}

at::Tensor ResnetGeneratorImpl::forward(const at::Tensor& input) {
  TORCH_CHECK(input.dim() == 4 && input.size(2) == input.size(3) && input.size(2) % 4 == 0,
              "ResNet generator: expected [N, C, R, R] with R a multiple of 4, got ", input.sizes());
  at::Tensor x = head_->forward(toConvLayout(input));
  for (const auto& block : *residual_) x = x + block->as<SequentialImpl>()->forward(x);
  return at::tanh(tail_->forward(x));
}

}  // namespace gs

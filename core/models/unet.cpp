#include "models/unet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/dropout.h>

#include <algorithm>
#include <string>

#include "models/cpu_speed.h"
#include "util/error.h"

namespace gs {
namespace {

int log2Exact(int r) {
  int d = 0;
  while ((1 << d) < r) ++d;
  return d;
}

void checkTranslationModel(const ModelConfig& c) {
  const int r = c.resolution;
  if (r != 32 && r != 64 && r != 128 && r != 256)
    throw GanscopeError("model resolution " + std::to_string(r) + " is not supported (use 32, 64, 128 or 256)");
  for (int ch : {c.input_channels, c.channels})
    if (ch != 1 && ch != 3 && ch != 4)
      throw GanscopeError("image-to-image channels " + std::to_string(ch) + " are not supported (use 1, 3 or 4)");
  if (c.g_width < 1 || c.g_width > 1024 || c.d_width < 1 || c.d_width > 1024)
    throw GanscopeError("g_width / d_width must be in 1-1024");
}

}  // namespace

UNetGeneratorImpl::UNetGeneratorImpl(const ModelConfig& config) {
  checkTranslationModel(config);
  tuneCpuAllocator();
  depth_ = log2Exact(config.resolution);
  const int64_t w = config.g_width;
  for (int i = 0; i < depth_; ++i) widths_.push_back(w * std::min<int64_t>(int64_t(1) << i, 8));
  // The paper's unet_256 has dropout on the num_downs - 5 levels of width 8w just below the innermost one.
  dropout_.assign(static_cast<size_t>(depth_), false);
  for (int i = 4; i < depth_ - 1; ++i) dropout_[static_cast<size_t>(i)] = true;

  down_ = register_module("down", torch::nn::ModuleList());
  down_norm_ = register_module("down_norm", torch::nn::ModuleList());
  up_ = register_module("up", torch::nn::ModuleList());
  up_norm_ = register_module("up_norm", torch::nn::ModuleList());
  for (int i = 0; i < depth_; ++i) {
    const int64_t in = i == 0 ? config.input_channels : widths_[i - 1];
    // The outermost and innermost levels have no BatchNorm (the innermost is 1x1: nothing to normalise over).
    const bool norm = i > 0 && i < depth_ - 1;
    down_->push_back(torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, widths_[i], /*kernel_size=*/4).stride(2).padding(1).bias(!norm)));
    if (norm) down_norm_->push_back(torch::nn::BatchNorm2d(widths_[i]));
  }
  for (int i = 0; i < depth_; ++i) {
    // Level i's up-convolution reads level i's features (the innermost) or them concatenated with the skip.
    const int64_t in = i == depth_ - 1 ? widths_[i] : 2 * widths_[i];
    const int64_t out = i == 0 ? config.channels : widths_[i - 1];
    up_->push_back(UpConv2d(in, out, /*kernel=*/4, /*stride=*/2, /*padding=*/1));
    if (i > 0) up_norm_->push_back(torch::nn::BatchNorm2d(out));
  }
  out_bias_ = register_parameter("out_bias", at::zeros({config.channels}));
  initDcganWeights(*this);
  at::NoGradGuard no_grad;
  for (const auto& m : down_->children())
    if (auto* conv = m->as<torch::nn::Conv2dImpl>()) {
      conv->weight.normal_(0.0, 0.02);
      if (conv->bias.defined()) conv->bias.zero_();
    }
}

int UNetGeneratorImpl::dropoutLevels() const {
  return static_cast<int>(std::count(dropout_.begin(), dropout_.end(), true));
}

at::Tensor UNetGeneratorImpl::forward(const at::Tensor& a) {
  TORCH_CHECK(a.dim() == 4 && a.size(2) == (int64_t(1) << depth_) && a.size(3) == a.size(2),
              "U-Net: expected [N, C, ", (1 << depth_), ", ", (1 << depth_), "], got ", a.sizes());
  std::vector<at::Tensor> skips;
  at::Tensor x = a;
  for (int i = 0; i < depth_; ++i) {
    if (i > 0) x = at::leaky_relu(x, 0.2);
    x = down_[i]->as<torch::nn::Conv2dImpl>()->forward(x);
    if (i > 0 && i < depth_ - 1) x = down_norm_[i - 1]->as<torch::nn::BatchNorm2dImpl>()->forward(x);
    skips.push_back(x);
  }
  at::Tensor y = skips.back();
  for (int i = depth_ - 1; i >= 0; --i) {
    if (i < depth_ - 1) y = at::cat({skips[static_cast<size_t>(i)], y}, 1);
    y = up_[i]->as<UpConv2dImpl>()->forward(at::relu(y));
    if (i == 0) break;
    y = up_norm_[i - 1]->as<torch::nn::BatchNorm2dImpl>()->forward(y);
    if (dropout_[static_cast<size_t>(i)]) y = at::dropout(y, 0.5, is_training());
  }
  return at::tanh(y + out_bias_.view({1, -1, 1, 1}));
}

}  // namespace gs

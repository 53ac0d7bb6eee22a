#include "models/patch_discriminator.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/functional/instancenorm.h>
#include <torch/nn/modules/instancenorm.h>

#include <algorithm>

namespace gs {

int patchLayers(int resolution) {
  int log2r = 0;
  while ((1 << log2r) < resolution) ++log2r;
  return std::max(1, log2r - 5);
}

int patchReceptiveField(int layers) {
  int rf = 4;       // the last 4x4 convolution, stride 1
  rf += 3;          // the stride-1 4x4 convolution before it
  for (int i = 0; i < layers; ++i) rf = rf * 2 + 2;  // each stride-2 4x4 convolution
  return rf;
}

PatchDiscriminatorImpl::PatchDiscriminatorImpl(const ModelConfig& config)
    : PatchDiscriminatorImpl(config.input_channels + config.channels, config, PatchNorm::Batch) {}

PatchDiscriminatorImpl::PatchDiscriminatorImpl(int64_t in_channels, const ModelConfig& config, PatchNorm norm)
    : layers_(patchLayers(config.resolution)) {
  using namespace torch::nn;
  const int64_t w = config.d_width;
  auto width = [w](int i) { return w * std::min<int64_t>(int64_t(1) << i, 8); };
  net_ = register_module("net", Sequential());
  // First layer without BatchNorm, as DCGAN's D.
  net_->push_back(Conv2d(Conv2dOptions(in_channels, w, 4).stride(2).padding(1)));
  net_->push_back(LeakyReLU(LeakyReLUOptions().negative_slope(0.2)));
  for (int i = 1; i <= layers_; ++i) {
    const bool strided = i < layers_;
    // InstanceNorm has no shift of its own, so its convolutions keep their bias.
    const bool batch_norm = norm == PatchNorm::Batch;
    net_->push_back(
        Conv2d(Conv2dOptions(width(i - 1), width(i), 4).stride(strided ? 2 : 1).padding(1).bias(!batch_norm)));
    if (batch_norm)
      net_->push_back(BatchNorm2d(width(i)));
    else
      net_->push_back(InstanceNorm2d(InstanceNorm2dOptions(width(i))));
    net_->push_back(LeakyReLU(LeakyReLUOptions().negative_slope(0.2)));
  }
  net_->push_back(Conv2d(Conv2dOptions(width(layers_), 1, 4).stride(1).padding(1)));

  at::NoGradGuard no_grad;
  for (auto& m : modules(/*include_self=*/false)) {
    if (auto* conv = m->as<Conv2dImpl>()) {
      conv->weight.normal_(0.0, 0.02);
      if (conv->bias.defined()) conv->bias.zero_();
    } else if (auto* bn = m->as<BatchNorm2dImpl>()) {
      bn->weight.normal_(1.0, 0.02);
      bn->bias.zero_();
    }
  }
}

at::Tensor PatchDiscriminatorImpl::forward(const at::Tensor& a, const at::Tensor& b) {
  TORCH_CHECK(a.dim() == 4 && b.dim() == 4 && a.size(0) == b.size(0) && a.size(2) == b.size(2),
              "PatchGAN: A ", a.sizes(), " and B ", b.sizes(), " do not pair");
  return net_->forward(at::cat({a, b}, 1));
}

at::Tensor PatchDiscriminatorImpl::score(const at::Tensor& x) {
  TORCH_CHECK(x.dim() == 4, "PatchGAN: images must be [N, C, H, W], got ", x.sizes());
  return net_->forward(x);
}

}  // namespace gs

#include "models/layers.h"

#include <torch/nn/modules/batchnorm.h>

#include "models/cpu_speed.h"
#include "models/fast_conv_transpose.h"
#include "models/few_channel_conv.h"
#include "util/autocast.h"

namespace gs {
namespace {

at::Tensor unitVector(const at::Tensor& t) { return t / t.norm().clamp_min(1e-12); }

}  // namespace

UpConv2dImpl::UpConv2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride,
                           int64_t padding)
    : stride_(stride), padding_(padding) {
  weight = register_parameter("weight", at::empty({in_channels, out_channels, kernel, kernel}));
  at::NoGradGuard no_grad;
  weight.normal_(0.0, 0.02);
}

at::Tensor UpConv2dImpl::forward(const at::Tensor& x) {
  return convTranspose2d(toConvLayout(x), weight, stride_, padding_);
}

DownConv2dImpl::DownConv2dImpl(const Options& options) : options_(options) {
  weight = register_parameter(
      "weight", at::empty({options.out_channels, options.in_channels, options.kernel, options.kernel}));
  at::NoGradGuard no_grad;
  weight.normal_(0.0, 0.02);
  if (options.bias) bias = register_parameter("bias", at::zeros({options.out_channels}));
  if (options.spectral_norm) {
    u = register_buffer("u", unitVector(at::randn({options.out_channels})));
    v = register_buffer("v", unitVector(at::randn({weight.numel() / options.out_channels})));
  }
}

at::Tensor DownConv2dImpl::effectiveWeight() {
  if (!options_.spectral_norm) return weight;
  const NoAutocast fp32;  // the power iteration and sigma in fp32 under bf16 autocast too
  const at::Tensor w_mat = weight.reshape({weight.size(0), -1});
  if (is_training()) {
    at::NoGradGuard no_grad;
    v.copy_(unitVector(at::mv(w_mat.t(), u)));
    u.copy_(unitVector(at::mv(w_mat, v)));
  }
  // Copies: later forwards update u and v in place while this graph may still be waiting for its backward.
  const at::Tensor u_now = u.clone(), v_now = v.clone();
  const at::Tensor sigma = at::dot(u_now, at::mv(w_mat, v_now));
  return weight / sigma;
}

at::Tensor DownConv2dImpl::forward(const at::Tensor& x) {
  if (fewChannelPath(options_.in_channels, x))
    return fewChannelConv2d(toConvLayout(x), effectiveWeight(), bias, options_.stride, options_.padding);
  return at::conv2d(toConvLayout(x), effectiveWeight(), bias, {options_.stride, options_.stride},
                    {options_.padding, options_.padding});
}

at::Tensor minibatchStdDev(const at::Tensor& x, int64_t max_group) {
  const int64_t n = x.size(0);
  int64_t group = std::min<int64_t>(max_group, n);
  while (n % group != 0) --group;
  if (group == 1) group = n;  // e.g. a batch of 5: one group over the whole batch beats groups of one
  // Sample i joins group i % (n / group), as in ProGAN: [group, n / group, C, H, W].
  const at::Tensor grouped = x.reshape({group, n / group, x.size(1), x.size(2), x.size(3)});
  const at::Tensor centred = grouped - grouped.mean(0, /*keepdim=*/true);
  const at::Tensor stddev = (centred.pow(2).mean(0) + 1e-8).sqrt();  // [n / group, C, H, W]
  const at::Tensor per_group = stddev.mean({1, 2, 3});                // [n / group]
  const at::Tensor feature =
      per_group.reshape({1, n / group, 1, 1, 1}).expand({group, n / group, 1, x.size(2), x.size(3)});
  return at::cat({x, feature.reshape({n, 1, x.size(2), x.size(3)})}, 1);
}

void initDcganWeights(torch::nn::Module& module) {
  at::NoGradGuard no_grad;
  for (auto& m : module.modules(/*include_self=*/false)) {
    if (auto* up = m->as<UpConv2dImpl>()) {
      up->weight.normal_(0.0, 0.02);
    } else if (auto* down = m->as<DownConv2dImpl>()) {
      down->weight.normal_(0.0, 0.02);
      if (down->bias.defined()) down->bias.zero_();
    } else if (auto* bn = m->as<torch::nn::BatchNorm2dImpl>(); bn && bn->weight.defined()) {
      bn->weight.normal_(1.0, 0.02);  // (conditional BatchNorm's inner norm has no affine part)
      bn->bias.zero_();
    }
  }
}

}  // namespace gs

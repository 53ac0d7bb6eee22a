#include "models/frozen_dcgan.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>

#include "models/conditional_batchnorm.h"
#include "models/cpu_speed.h"
#include "models/dcgan.h"
#include "models/fast_conv_transpose.h"
#include "models/layers.h"
#include "models/networks.h"
#include "models/single_image_conv.h"
#include "util/error.h"

namespace gs {
namespace {

// BatchNorm in eval mode is y = x * scale + shift per channel.
struct ChannelAffine {
  at::Tensor scale, shift;
};

ChannelAffine statisticsAffine(const torch::nn::BatchNorm2dImpl& norm) {
  const double eps = norm.options.eps();
  const at::Tensor scale = (norm.running_var + eps).rsqrt();
  return {scale, -norm.running_mean * scale};
}

ChannelAffine batchNormAffine(const torch::nn::BatchNorm2dImpl& norm) {
  ChannelAffine a = statisticsAffine(norm);
  if (norm.options.affine()) {
    a.shift = a.shift * norm.weight + norm.bias;
    a.scale = a.scale * norm.weight;
  }
  return a;
}

}  // namespace

FrozenDcgan::FrozenDcgan(const DcganGenerator& generator) : num_classes_(generator.numClasses()) {
  at::NoGradGuard no_grad;
  const auto& layers = generator.layers();
  for (size_t i = 0; i < layers->size(); ++i) {
    const auto* conv = layers->ptr(i)->as<UpConv2dImpl>();
    if (!conv) continue;
    Stage s;
    s.weight = conv->weight.detach();
    s.stride = conv->stride();
    s.padding = conv->padding();
    if (stages_.empty()) latent_dim_ = s.weight.size(0);
    const torch::nn::Module* next = i + 1 < layers->size() ? layers->ptr(i + 1).get() : nullptr;
    ChannelAffine affine;
    if (const auto* bn = next ? next->as<torch::nn::BatchNorm2dImpl>() : nullptr) {
      affine = batchNormAffine(*bn);
    } else if (const auto* cbn = next ? next->as<ConditionalBatchNorm2dImpl>() : nullptr) {
      affine = statisticsAffine(*cbn->norm);
      s.class_gain = cbn->gain.detach().clone();
      s.class_bias = cbn->bias.detach().clone();
    } else if (next && !next->as<torch::nn::TanhImpl>()) {
      throw GanscopeError("frozen DCGAN: unexpected layer after a transposed convolution");
    }
    if (affine.scale.defined()) {
      // conv^T weight [in, out, k, k]: output channel o is scaled by scale[o].
      s.weight = s.weight * affine.scale.view({1, -1, 1, 1});
      s.bias = affine.shift.view({1, -1, 1, 1}).contiguous();
    }
    s.weight = s.weight.contiguous();
    // The first stage sees z as a 1x1 image.
    if (s.weight.device().is_cpu()) s.columns = upConvColumns(s.weight, stages_.empty() && s.padding == 0);
    stages_.push_back(std::move(s));
  }
  if (stages_.size() < 2 || stages_.back().bias.defined())
    throw GanscopeError("frozen DCGAN: the generator does not end in a transposed convolution and Tanh");
}

at::Tensor FrozenDcgan::forward(const at::Tensor& z, const at::Tensor& classes) const {
  TORCH_CHECK(z.dim() == 2 && z.size(1) == latent_dim_, "generator expects latents [N, ", latent_dim_, "], got ",
              z.sizes());
  const int64_t n = z.size(0);
  at::Tensor y;
  if (num_classes_ > 0) {
    y = classes.defined() ? classes.to(z.device()) : cyclingClasses(n, num_classes_, z.device());
    checkClasses(y, n, num_classes_);
  } else {
    TORCH_CHECK(!classes.defined(), "this generator is not class-conditional: it takes no classes");
  }
  at::Tensor x = z.reshape({n, latent_dim_, 1, 1});
  // A single image: plain NCHW end to end. A batch: the layout the networks train in.
  const at::MemoryFormat format = n > 1 && x.device().is_cpu() && cpuChannelsLast() ? at::MemoryFormat::ChannelsLast
                                                                                  : at::MemoryFormat::Contiguous;
  const bool single_cpu = n == 1 && x.device().is_cpu() && stages_.front().columns.defined();
  for (size_t i = 0; i < stages_.size(); ++i) {
    const Stage& s = stages_[i];
    x = single_cpu ? singleImageUpConv(x, s.columns, s.weight.size(2), s.stride, s.padding)
                   : convTranspose2dInference(x, s.weight, s.stride, s.padding, format);
    if (!s.bias.defined()) break;
    x.add_(s.bias);
    if (s.class_gain.defined()) {
      const int64_t c = s.class_gain.size(1);
      x.mul_(s.class_gain.index_select(0, y).view({n, c, 1, 1}));
      x.add_(s.class_bias.index_select(0, y).view({n, c, 1, 1}));
    }
    x.relu_();
  }
  return x.tanh_().contiguous();
}

}  // namespace gs

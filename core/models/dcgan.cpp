#include "models/dcgan.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>

#include <algorithm>

#include "models/conditional_batchnorm.h"

namespace gs {

int dcganStages(int resolution) {
  int stages = 0;
  while ((4 << stages) < resolution) ++stages;
  return stages;
}

int64_t dcganWidth(int width, int i) { return static_cast<int64_t>(width) * (int64_t{1} << std::min(i, 3)); }

DcganGenerator::DcganGenerator(const ModelConfig& config)
    : latent_dim_(config.latent_dim), num_classes_(config.num_classes) {
  const int stages = dcganStages(config.resolution);
  net_ = torch::nn::Sequential();
  // 1x1 -> 4x4, then one stride-2 stage per doubling; the last one maps to image channels.
  int64_t in = config.latent_dim;
  for (int s = 0; s < stages; ++s) {
    const int64_t out = dcganWidth(config.g_width, stages - 1 - s);
    if (s == 0) {
      net_->push_back(UpConv2d(in, out, /*kernel=*/4, /*stride=*/1, /*padding=*/0));
    } else {
      net_->push_back(UpConv2d(in, out, /*kernel=*/4, /*stride=*/2, /*padding=*/1));
    }
    if (num_classes_ > 0) {
      net_->push_back(ConditionalBatchNorm2d(out, num_classes_));
    } else {
      net_->push_back(torch::nn::BatchNorm2d(out));
    }
    net_->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
    in = out;
  }
  net_->push_back(UpConv2d(in, config.channels, /*kernel=*/4, /*stride=*/2, /*padding=*/1));
  net_->push_back(torch::nn::Tanh());
  register_module("net", net_);
  initDcganWeights(*this);
}

at::Tensor DcganGenerator::forward(const at::Tensor& z) {
  if (num_classes_ > 0) return forwardWithClasses(z, cyclingClasses(z.size(0), num_classes_, z.device()));
  TORCH_CHECK(z.dim() == 2 && z.size(1) == latent_dim_, "generator expects latents [N, ", latent_dim_, "], got ",
              z.sizes());
  // Callers get a plain NCHW tensor whatever layout the layers used inside.
  return net_->forward(z.view({z.size(0), latent_dim_, 1, 1})).contiguous();
}

at::Tensor DcganGenerator::forwardWithClasses(const at::Tensor& z, const at::Tensor& classes) {
  if (num_classes_ == 0 || !classes.defined()) return GeneratorNet::forwardWithClasses(z, classes);
  TORCH_CHECK(z.dim() == 2 && z.size(1) == latent_dim_, "generator expects latents [N, ", latent_dim_, "], got ",
              z.sizes());
  checkClasses(classes, z.size(0), num_classes_);
  const at::Tensor y = classes.to(z.device());
  at::Tensor x = z.view({z.size(0), latent_dim_, 1, 1});
  for (auto& layer : *net_) {
    if (auto* norm = layer.ptr()->as<ConditionalBatchNorm2dImpl>()) {
      x = norm->forward(x, y);
    } else {
      x = layer.forward(x);
    }
  }
  return x.contiguous();
}

at::Tensor DcganGenerator::firstBlockLinearMap() {
  TORCH_CHECK(!is_training(), "firstBlockLinearMap needs eval mode: batch norm must use its running statistics");
  const auto device = parameters().front().device();
  // The block applied to the unit vectors and to zero: the difference is the linear part.
  at::Tensor basis = at::eye(latent_dim_, at::TensorOptions(device)).view({latent_dim_, latent_dim_, 1, 1});
  at::Tensor zero = at::zeros({1, latent_dim_, 1, 1}, at::TensorOptions(device));
  auto* conv = net_[0]->as<UpConv2dImpl>();
  // A conditional generator: the normalisation shared by every class (each class then scales it its own way).
  auto* cbn = net_[1]->as<ConditionalBatchNorm2dImpl>();
  auto* norm = cbn ? cbn->norm.get() : net_[1]->as<torch::nn::BatchNorm2dImpl>();
  TORCH_CHECK(conv && norm, "DCGAN generator: unexpected first block");
  const auto block = [conv, norm](const at::Tensor& x) { return norm->forward(conv->forward(x)); };
  return (block(basis) - block(zero)).flatten(1);
}

DcganDiscriminator::DcganDiscriminator(const ModelConfig& config, const DcganDiscriminatorOptions& options)
    : minibatch_std_(options.minibatch_std) {
  const int stages = dcganStages(config.resolution);
  const bool batchnorm = options.batchnorm && !options.spectral_norm;
  body_ = torch::nn::Sequential();
  int64_t in = config.channels;
  for (int s = 0; s < stages; ++s) {
    const int64_t out = dcganWidth(config.d_width, s);
    const bool bn_here = batchnorm && s > 0;  // never on the first layer (Radford et al.)
    DownConv2dImpl::Options conv;
    conv.in_channels = in;
    conv.out_channels = out;
    conv.bias = !bn_here;
    conv.spectral_norm = options.spectral_norm;
    body_->push_back(DownConv2d(conv));
    if (bn_here) body_->push_back(torch::nn::BatchNorm2d(out));
    body_->push_back(torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2).inplace(true)));
    in = out;
  }
  DownConv2dImpl::Options last;
  last.in_channels = in + (options.minibatch_std ? 1 : 0);
  last.out_channels = 1;
  last.stride = 1;
  last.padding = 0;
  last.bias = true;
  last.spectral_norm = options.spectral_norm;
  register_module("body", body_);
  head_ = register_module("head", DownConv2d(last));
  initDcganWeights(*this);
  if (config.num_classes > 0)
    projection_ = register_module("projection", ProjectionHead(config.num_classes, in * 16));
}

at::Tensor DcganDiscriminator::features(const at::Tensor& x) { return body_->forward(x).flatten(1); }

at::Tensor DcganDiscriminator::logit(const at::Tensor& body_out, int64_t n) {
  at::Tensor h = body_out;
  if (minibatch_std_) h = minibatchStdDev(h);
  return head_->forward(h).view({n});
}

at::Tensor DcganDiscriminator::forward(const at::Tensor& x) { return logit(body_->forward(x), x.size(0)); }

at::Tensor DcganDiscriminator::forwardWithClasses(const at::Tensor& x, const at::Tensor& classes) {
  if (!projection_ || !classes.defined()) return DiscriminatorNet::forwardWithClasses(x, classes);
  const at::Tensor h = body_->forward(x);
  return logit(h, x.size(0)) + projection_->score(h.flatten(1), classes.to(x.device()));
}

at::Tensor DcganDiscriminator::classScores(const at::Tensor& x) {
  return projection_ ? projection_->allScores(features(x)) : at::Tensor();
}

}  // namespace gs

#pragma once
// The interfaces every generator and discriminator implements, and the factories that build them from a
// ModelConfig. The trainer, checkpoints and the latent explorer only see these.
#include <ATen/ATen.h>
#include <torch/nn/module.h>

#include <memory>

#include "config.h"

namespace gs {

// Maps latents z [N, latent_dim] to images [N, channels, resolution, resolution] in [-1, 1].
class GeneratorNet : public torch::nn::Module {
 public:
  virtual at::Tensor forward(const at::Tensor& z) = 0;
};

// Maps images [N, C, H, W] in [-1, 1] to one logit (or critic score) per image, shape [N].
class DiscriminatorNet : public torch::nn::Module {
 public:
  virtual at::Tensor forward(const at::Tensor& x) = 0;
  // Penultimate features [N, F], used by the diversity measures.
  virtual at::Tensor features(const at::Tensor& x) = 0;
};

// Throws GanscopeError when the config asks for something unsupported (resolution, channels, kind).
std::shared_ptr<GeneratorNet> makeGenerator(const ModelConfig& config);
std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config);
// Per-sample gradient penalties (WGAN-GP, R1) are wrong through batch statistics: these overloads build D without
// BatchNorm when the loss is WganGp (first) or when loss is WganGp or r1_gamma > 0 (second). The trainer should
// use the OptimConfig overload.
std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config, LossKind loss);
std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config, const OptimConfig& optim);

}  // namespace gs

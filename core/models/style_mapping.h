#pragma once
// StyleGAN's mapping network: z -> pixel norm -> `depth` fully connected layers (LeakyReLU, equalised learning
// rate, lr multiplier 0.01) -> w. Untangles the latent space so each synthesis layer can take its own style.
#include <torch/nn/modules/container/modulelist.h>

#include "models/equalized_layers.h"

namespace gs {

class MappingNetworkImpl : public torch::nn::Module {
 public:
  static constexpr double kLrMultiplier = 0.01;

  MappingNetworkImpl(int64_t latent_dim, int64_t w_dim, int depth);
  // z [N, latent_dim] -> w [N, w_dim].
  at::Tensor forward(const at::Tensor& z);

 private:
  torch::nn::ModuleList layers_{nullptr};
};
TORCH_MODULE(MappingNetwork);

// z / sqrt(mean(z^2) + 1e-8) per sample: every z lands on the same sphere before mapping.
at::Tensor pixelNorm(const at::Tensor& z);

}  // namespace gs

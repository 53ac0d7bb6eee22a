#include "models/style_mapping.h"

namespace gs {

at::Tensor pixelNorm(const at::Tensor& z) { return z * at::rsqrt(z.pow(2).mean(1, /*keepdim=*/true) + 1e-8); }

MappingNetworkImpl::MappingNetworkImpl(int64_t latent_dim, int64_t w_dim, int depth) {
  layers_ = torch::nn::ModuleList();
  for (int i = 0; i < depth; ++i)
    layers_->push_back(EqualizedLinear(i == 0 ? latent_dim : w_dim, w_dim, kLrMultiplier));
  register_module("layers", layers_);
}

at::Tensor MappingNetworkImpl::forward(const at::Tensor& z) {
  at::Tensor x = pixelNorm(z);
  for (const auto& layer : *layers_) x = leakyReluGain(layer->as<EqualizedLinearImpl>()->forward(x));
  // w in the latent's precision (fp32) under bf16 autocast too: w_avg, truncation and style mixing combine it
  // with fp32 tensors.
  return x.to(z.scalar_type());
}

}  // namespace gs

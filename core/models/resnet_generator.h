#pragma once
// CycleGAN's ResNet generator (Zhu et al. 2017, after Johnson et al. 2016): a 7x7 convolution, two stride-2
// downsampling convolutions, residual blocks at a quarter of the resolution, two stride-2 transposed convolutions
// back up and a 7x7 convolution to the output, with instance normalisation (no affine parameters, no running
// statistics: the same in training and eval) and reflection padding. Widths w, 2w, 4w (the paper's ngf = 64); 6
// residual blocks up to 128 px, 9 at 256 px, as the paper. Maps [N, C_in, R, R] in [-1, 1] to [N, C_out, R, R] in
// [-1, 1] (tanh).
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

#include "config.h"

namespace gs {

// Residual blocks of CycleGAN's generator at `resolution` (6, or 9 at 256 px).
int resnetBlocks(int resolution);

class ResnetGeneratorImpl : public torch::nn::Module {
 public:
  // From config: resolution and g_width; images of `in_channels` in, `out_channels` out. Throws GanscopeError when
  // unsupported.
  ResnetGeneratorImpl(const ModelConfig& config, int64_t in_channels, int64_t out_channels);
  at::Tensor forward(const at::Tensor& x);
  int blocks() const { return blocks_; }

 private:
  int blocks_;
  torch::nn::Sequential head_{nullptr};        // reflection pad, 7x7 conv, norm, ReLU, two downsamplings
  torch::nn::ModuleList residual_{nullptr};    // one Sequential per block (its input is added back)
  torch::nn::Sequential tail_{nullptr};        // two upsamplings, reflection pad, 7x7 conv (tanh in forward)
};
TORCH_MODULE(ResnetGenerator);

}  // namespace gs

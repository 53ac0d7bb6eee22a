#pragma once
// pix2pix's U-Net generator (Isola et al. 2017, after Ronneberger et al. 2015): an encoder of strided 4x4
// convolutions down to 1x1, a decoder of transposed convolutions back up, and a skip connection from each encoder
// level to the decoder level of the same size, so fine detail of the input (edges) reaches the output directly.
// Widths follow the paper's unet_256 (w, 2w, 4w, then 8w) with as many levels as the resolution allows
// (log2(resolution): 5 at 32 px, 6 at 64 px, 8 at 256 px); dropout 0.5 on the 8w decoder levels below the
// innermost one, as the paper (none at 32 px, one level at 64 px). Maps A [N, input_channels, R, R] in [-1, 1] to
// B [N, channels, R, R] in [-1, 1] (tanh).
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <vector>

#include "config.h"
#include "models/layers.h"

namespace gs {

class UNetGeneratorImpl : public torch::nn::Module {
 public:
  // From config: input_channels (A), channels (B), resolution, g_width. Throws GanscopeError when unsupported.
  explicit UNetGeneratorImpl(const ModelConfig& config);
  at::Tensor forward(const at::Tensor& a);

  int depth() const { return depth_; }               // encoder levels (the innermost is 1x1)
  int dropoutLevels() const;                         // decoder levels with dropout

 private:
  int depth_;
  std::vector<int64_t> widths_;                      // channels of encoder level i
  std::vector<bool> dropout_;                        // per decoder level i (output of level i's up-convolution)
  torch::nn::ModuleList down_{nullptr};              // Conv2d, level i
  torch::nn::ModuleList down_norm_{nullptr};         // BatchNorm2d for levels 1..depth-2
  torch::nn::ModuleList up_{nullptr};                // UpConv2d, level i (into level i-1's width, or B)
  torch::nn::ModuleList up_norm_{nullptr};           // BatchNorm2d for levels 1..depth-1
  at::Tensor out_bias_;                              // bias of the outermost up-convolution
};
TORCH_MODULE(UNetGenerator);

}  // namespace gs

#pragma once
// pix2pix's conditional PatchGAN discriminator (Isola et al. 2017): it sees the input A and an output B together
// (concatenated channels) and gives one logit per overlapping patch instead of one per image, so it judges local
// texture and leaves the low frequencies to the L1 term. The paper's 70x70 discriminator has 3 strided layers at
// 256 px (receptive field 70 px, 27% of the image); here the strided layers are scaled with the resolution so the
// patch keeps a similar share: patchLayers(R) = max(1, log2(R) - 5) gives 16 px at 32 and 64 px, 34 px at 128,
// 70 px at 256.
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

#include "config.h"

namespace gs {

int patchLayers(int resolution);
// Receptive field in pixels of one output logit with `layers` strided layers (16, 34, 70, ...).
int patchReceptiveField(int layers);

// BatchNorm (pix2pix) or InstanceNorm without affine parameters (CycleGAN) after the inner convolutions.
enum class PatchNorm { Batch, Instance };

class PatchDiscriminatorImpl : public torch::nn::Module {
 public:
  // pix2pix's conditional D: input_channels + channels in, d_width, resolution; BatchNorm.
  explicit PatchDiscriminatorImpl(const ModelConfig& config);
  // An unconditional D of images with `in_channels` channels (CycleGAN's, one per domain).
  PatchDiscriminatorImpl(int64_t in_channels, const ModelConfig& config, PatchNorm norm);
  // Logits [N, 1, P, P] for the pairs (a, b).
  at::Tensor forward(const at::Tensor& a, const at::Tensor& b);
  // Logits [N, 1, P, P] for images x (the unconditional D).
  at::Tensor score(const at::Tensor& x);
  int layers() const { return layers_; }

 private:
  int layers_;
  torch::nn::Sequential net_{nullptr};
};
TORCH_MODULE(PatchDiscriminator);

}  // namespace gs

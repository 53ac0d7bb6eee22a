#pragma once
// DCGAN generator and discriminator (Radford et al. 2015) for 32-256 px and 1, 3 or 4 channels.
// Widths follow the paper at 64 px (G: ngf*8 at 4x4 ... ngf at 32x32) and are capped at 8x for larger images.
#include <torch/nn/modules/container/sequential.h>

#include "models/layers.h"
#include "models/networks.h"

namespace gs {

// Hidden layers between 4x4 and the output: log2(resolution) - 2.
int dcganStages(int resolution);
// Width of hidden layer `i` counted from the image side (0: next to the image): width * min(8, 2^i).
int64_t dcganWidth(int width, int i);

// z [N, nz] -> [N, nz, 1, 1] -> 4x4 -> ... -> [N, channels, R, R] in [-1, 1] (Tanh).
class DcganGenerator : public GeneratorNet {
 public:
  explicit DcganGenerator(const ModelConfig& config);
  at::Tensor forward(const at::Tensor& z) override;
  // The first 4x4 block before its ReLU is affine in z: transposed conv, then batch norm with its running
  // statistics (call in eval mode). Returns its linear part A, [nz, C*16], row i the response to z = e_i - the
  // matrix whose right singular vectors SeFa (Shen and Zhou 2021) takes as edit directions.
  at::Tensor firstBlockLinearMap();

 private:
  torch::nn::Sequential net_{nullptr};
  int latent_dim_;
};

struct DcganDiscriminatorOptions {
  bool batchnorm = true;       // BatchNorm after every conv but the first (off for SN and gradient penalties)
  bool spectral_norm = false;  // spectral normalisation of every conv weight
  bool minibatch_std = false;  // one std-dev feature map before the last conv
};

// Strided convs + LeakyReLU(0.2) down to 4x4, then Conv(4, 1, 0) to one logit per image, shape [N].
class DcganDiscriminator : public DiscriminatorNet {
 public:
  DcganDiscriminator(const ModelConfig& config, const DcganDiscriminatorOptions& options);
  at::Tensor forward(const at::Tensor& x) override;
  // The 4x4 activations (before the minibatch-std map), flattened: [N, d_width * min(8, 2^(stages-1)) * 16].
  at::Tensor features(const at::Tensor& x) override;

 private:
  torch::nn::Sequential body_{nullptr};
  DownConv2d head_{nullptr};
  bool minibatch_std_;
};

}  // namespace gs

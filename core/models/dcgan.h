#pragma once
// DCGAN generator and discriminator (Radford et al. 2015) for 32-256 px and 1, 3 or 4 channels.
// Widths follow the paper at 64 px (G: ngf*8 at 4x4 ... ngf at 32x32) and are capped at 8x for larger images.
#include <torch/nn/modules/container/sequential.h>

#include "models/layers.h"
#include "models/projection_head.h"
#include "models/networks.h"

namespace gs {

// Hidden layers between 4x4 and the output: log2(resolution) - 2.
int dcganStages(int resolution);
// Width of hidden layer `i` counted from the image side (0: next to the image): width * min(8, 2^i).
int64_t dcganWidth(int width, int i);

// z [N, nz] -> [N, nz, 1, 1] -> 4x4 -> ... -> [N, channels, R, R] in [-1, 1] (Tanh).
// Class-conditional (num_classes > 0): every BatchNorm is a conditional BatchNorm (per-class gain and bias).
class DcganGenerator : public GeneratorNet {
 public:
  explicit DcganGenerator(const ModelConfig& config);
  at::Tensor forward(const at::Tensor& z) override;
  at::Tensor forwardWithClasses(const at::Tensor& z, const at::Tensor& classes) override;
  int64_t numClasses() const override { return num_classes_; }
  // The first 4x4 block before its ReLU is affine in z: transposed conv, then batch norm with its running
  // statistics (call in eval mode). Returns its linear part A, [nz, C*16], row i the response to z = e_i - the
  // matrix whose right singular vectors SeFa (Shen and Zhou 2021) takes as edit directions.
  at::Tensor firstBlockLinearMap();
  // The layers in order: (UpConv2d, BatchNorm2d or ConditionalBatchNorm2d, ReLU) per stage, then UpConv2d, Tanh.
  const torch::nn::Sequential& layers() const { return net_; }

 private:
  torch::nn::Sequential net_{nullptr};
  int latent_dim_;
  int64_t num_classes_;
};

struct DcganDiscriminatorOptions {
  bool batchnorm = true;       // BatchNorm after every conv but the first (off for SN and gradient penalties)
  bool spectral_norm = false;  // spectral normalisation of every conv weight
  bool minibatch_std = false;  // one std-dev feature map before the last conv
};

// Strided convs + LeakyReLU(0.2) down to 4x4, then Conv(4, 1, 0) to one logit per image, shape [N].
// Class-conditional (num_classes > 0): plus the projection <embed(y), features(x)> (models/projection_head.h).
class DcganDiscriminator : public DiscriminatorNet {
 public:
  DcganDiscriminator(const ModelConfig& config, const DcganDiscriminatorOptions& options);
  at::Tensor forward(const at::Tensor& x) override;
  // The 4x4 activations (before the minibatch-std map), flattened: [N, d_width * min(8, 2^(stages-1)) * 16].
  at::Tensor features(const at::Tensor& x) override;
  at::Tensor forwardWithClasses(const at::Tensor& x, const at::Tensor& classes) override;
  int64_t numClasses() const override { return projection_ ? projection_->embed.size(0) : 0; }
  at::Tensor classScores(const at::Tensor& x) override;

 private:
  at::Tensor logit(const at::Tensor& body_out, int64_t n);

  torch::nn::Sequential body_{nullptr};
  DownConv2d head_{nullptr};
  ProjectionHead projection_{nullptr};
  bool minibatch_std_;
};

}  // namespace gs

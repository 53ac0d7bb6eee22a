#pragma once
// StyleGAN2's residual discriminator: FromRGB at full resolution, one residual block per halving (two 3x3
// convolutions, average-pool downsampling, 1x1 skip, sum scaled by sqrt(1/2)), then at 4x4 the minibatch
// standard deviation, a 3x3 convolution and two fully connected layers. Equalised learning rate throughout; no
// normalisation, so the R1 penalty is exact per sample.
#include <torch/nn/modules/container/modulelist.h>

#include "models/equalized_layers.h"
#include "models/networks.h"
#include "models/projection_head.h"

namespace gs {

class ResidualBlockImpl : public torch::nn::Module {
 public:
  ResidualBlockImpl(int64_t in_channels, int64_t out_channels);
  at::Tensor forward(const at::Tensor& x);  // [N, in, H, W] -> [N, out, H/2, W/2]

 private:
  EqualizedConv2d conv0_{nullptr}, conv1_{nullptr}, skip_{nullptr};
};
TORCH_MODULE(ResidualBlock);

class ResidualDiscriminator : public DiscriminatorNet {
 public:
  explicit ResidualDiscriminator(const ModelConfig& config);
  at::Tensor forward(const at::Tensor& x) override;
  // Output of the first fully connected layer [N, C4] (C4: channels at 4x4).
  at::Tensor features(const at::Tensor& x) override;
  // Class-conditional (num_classes > 0): plus the projection <embed(y), features(x)>.
  at::Tensor forwardWithClasses(const at::Tensor& x, const at::Tensor& classes) override;
  int64_t numClasses() const override { return projection_ ? projection_->embed.size(0) : 0; }
  at::Tensor classScores(const at::Tensor& x) override;

 private:
  ProjectionHead projection_{nullptr};
  EqualizedConv2d from_rgb_{nullptr};
  torch::nn::ModuleList blocks_{nullptr};
  EqualizedConv2d epilogue_conv_{nullptr};
  EqualizedLinear fc_{nullptr}, out_{nullptr};
};

}  // namespace gs

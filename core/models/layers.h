#pragma once
// Building blocks of the DCGAN networks: the generator's upsampling convolution (fast CPU path), the
// discriminator's convolution with optional spectral normalisation, the minibatch standard-deviation feature and
// the DCGAN weight initialisation.
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace gs {

// Transposed convolution without bias, weight [in, out, k, k] like torch::nn::ConvTranspose2d; on the CPU it runs
// as a convolution input-gradient (see fast_conv_transpose.h).
class UpConv2dImpl : public torch::nn::Module {
 public:
  UpConv2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride, int64_t padding);
  at::Tensor forward(const at::Tensor& x);
  int64_t stride() const { return stride_; }
  int64_t padding() const { return padding_; }

  at::Tensor weight;

 private:
  int64_t stride_, padding_;
};
TORCH_MODULE(UpConv2d);

// Conv2d for the discriminator. With spectral normalisation the weight is divided by its largest singular value,
// estimated by one power iteration per training forward; u and v are buffers so checkpoints keep the estimate.
class DownConv2dImpl : public torch::nn::Module {
 public:
  struct Options {
    int64_t in_channels = 0;
    int64_t out_channels = 0;
    int64_t kernel = 4;
    int64_t stride = 2;
    int64_t padding = 1;
    bool bias = false;           // layers followed by BatchNorm need none
    bool spectral_norm = false;  // divide the weight by its spectral norm
  };
  explicit DownConv2dImpl(const Options& options);
  at::Tensor forward(const at::Tensor& x);
  // The weight the convolution uses: normalised when spectral_norm (no power iteration here).
  at::Tensor effectiveWeight();

  at::Tensor weight, bias, u, v;

 private:
  Options options_;
};
TORCH_MODULE(DownConv2d);

// ProGAN minibatch standard deviation: the std of each feature over groups of min(4, N) samples (the largest group
// size <= 4 dividing N; the whole batch when only 1 divides it), averaged to one value per group and appended as
// one extra feature map [N, C + 1, H, W].
at::Tensor minibatchStdDev(const at::Tensor& x, int64_t max_group = 4);

// DCGAN init (Radford et al.) of every submodule: conv weights N(0, 0.02), BatchNorm gamma N(1, 0.02), biases 0.
// Safe to call from a constructor (the module itself is not visited).
void initDcganWeights(torch::nn::Module& module);

}  // namespace gs

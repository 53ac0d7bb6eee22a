#pragma once
// Layers with an equalised learning rate (Karras et al. 2018, used throughout StyleGAN): weights are stored
// N(0, 1 / lr_mul^2) and scaled by lr_mul / sqrt(fan_in) at run time, so Adam moves every layer at the same
// relative speed whatever its fan-in, and lr_mul slows a whole layer down (the mapping network uses 0.01).
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace gs {

// y = x W^T * gain + b * lr_mul, W [out, in].
class EqualizedLinearImpl : public torch::nn::Module {
 public:
  EqualizedLinearImpl(int64_t in_features, int64_t out_features, double lr_mul = 1.0, double bias_init = 0.0);
  at::Tensor forward(const at::Tensor& x);

  at::Tensor weight, bias;

 private:
  double weight_gain_, bias_gain_;
};
TORCH_MODULE(EqualizedLinear);

// Stride-1 "same" convolution, W [out, in, k, k] scaled by 1 / sqrt(in * k * k); optional bias.
class EqualizedConv2dImpl : public torch::nn::Module {
 public:
  EqualizedConv2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel, bool bias = true);
  at::Tensor forward(const at::Tensor& x);

  at::Tensor weight, bias;

 private:
  double weight_gain_;
  int64_t padding_;
};
TORCH_MODULE(EqualizedConv2d);

// LeakyReLU(0.2) times sqrt(2), which keeps the activations' second moment near 1 through the layers.
at::Tensor leakyReluGain(const at::Tensor& x);

}  // namespace gs

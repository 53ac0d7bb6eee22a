#pragma once
// StyleGAN2's modulated convolution and the synthesis layers built on it: per sample, an affine map of w gives
// one scale per input channel (the style); the weights are scaled by it and, with demodulation, divided by the
// norm of each output channel's weights, so styles set relative channel strengths without blowing up activations.
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <mutex>

#include "models/equalized_layers.h"

namespace gs {

// How a modulated convolution runs. Grouped: per-sample weights, one grouped convolution (StyleGAN2's "fused"
// form). Separate: scale the input by the style, one shared convolution, scale the output by the demodulation
// factors (the same result, faster for training batches). Auto: separate in training; in eval mode the separate
// form with the weight gain folded into the styles and each output channel's squared weight norms kept between
// calls, so a render touches the weights once, in the convolution. On the CPU the grouped form spent a third of
// a 64 px batch-1 render building per-sample weights (bench_style: 34.7 ms, 22.2 of them convolutions).
enum class ModulationPath { Auto, Grouped, Separate };
void setModulationPath(ModulationPath path);  // process-wide, for tests and benchmarks
ModulationPath modulationPath();

class ModulatedConv2dImpl : public torch::nn::Module {
 public:
  struct Options {
    int64_t in_channels = 0;
    int64_t out_channels = 0;
    int64_t w_dim = 0;
    int64_t kernel = 3;
    bool demodulate = true;  // off for ToRGB
    bool upsample = false;   // bilinear x2 before the convolution
  };
  explicit ModulatedConv2dImpl(const Options& options);
  // x [N, in, H, W], w [N, w_dim] -> [N, out, H', W'].
  at::Tensor forward(const at::Tensor& x, const at::Tensor& w);

  EqualizedLinear affine{nullptr};  // w -> style, bias initialised to 1 (identity modulation)
  at::Tensor weight;                // [out, in, k, k], N(0, 1)

 private:
  at::Tensor evalForward(const at::Tensor& x, const at::Tensor& styles);
  // sum over the kernel of weight^2, [out, in]; kept while the weight is unchanged when no gradient is recorded.
  at::Tensor weightSquares();

  Options options_;
  double weight_gain_;
  std::mutex squares_mutex_;
  at::Tensor squares_;
  const void* squares_data_ = nullptr;
  int64_t squares_version_ = -1;
};
TORCH_MODULE(ModulatedConv2d);

// Modulated 3x3 convolution + per-pixel noise (learned per-channel strength) + bias + LeakyReLU.
class StyleLayerImpl : public torch::nn::Module {
 public:
  StyleLayerImpl(int64_t in_channels, int64_t out_channels, int64_t w_dim, bool upsample);
  // noise: [N or 1, 1, H', W'] or undefined (none); noise_gain multiplies the learned strength.
  at::Tensor forward(const at::Tensor& x, const at::Tensor& w, const at::Tensor& noise, double noise_gain = 1.0);

  ModulatedConv2d conv{nullptr};
  at::Tensor noise_strength;  // [out], starts at 0
  at::Tensor bias;            // [out]
};
TORCH_MODULE(StyleLayer);

// Modulated 1x1 convolution to image channels, no demodulation, plus bias: one RGB output per resolution.
class ToRgbImpl : public torch::nn::Module {
 public:
  ToRgbImpl(int64_t in_channels, int64_t image_channels, int64_t w_dim);
  at::Tensor forward(const at::Tensor& x, const at::Tensor& w);

  ModulatedConv2d conv{nullptr};
  at::Tensor bias;
};
TORCH_MODULE(ToRgb);

// Bilinear x2 (half-pixel centres), used for activations and the skip-connected images alike.
at::Tensor upsample2x(const at::Tensor& x);

}  // namespace gs

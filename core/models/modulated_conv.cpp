#include "models/modulated_conv.h"

#include <atomic>
#include <cmath>

#include "models/cpu_speed.h"
#include "util/autocast.h"

namespace gs {
namespace {
std::atomic<ModulationPath> g_path{ModulationPath::Auto};
}

void setModulationPath(ModulationPath path) { g_path = path; }
ModulationPath modulationPath() { return g_path; }

at::Tensor upsample2x(const at::Tensor& x) {
  return at::upsample_bilinear2d(x, {x.size(2) * 2, x.size(3) * 2}, /*align_corners=*/false);
}

ModulatedConv2dImpl::ModulatedConv2dImpl(const Options& options)
    : options_(options),
      weight_gain_(1.0 / std::sqrt(static_cast<double>(options.in_channels * options.kernel * options.kernel))) {
  affine = register_module("affine", EqualizedLinear(options.w_dim, options.in_channels, 1.0, /*bias_init=*/1.0));
  weight = register_parameter(
      "weight", at::randn({options.out_channels, options.in_channels, options.kernel, options.kernel}));
}

at::Tensor ModulatedConv2dImpl::forward(const at::Tensor& x_in, const at::Tensor& w) {
  const int64_t n = x_in.size(0), in = options_.in_channels, out = options_.out_channels, k = options_.kernel;
  const int64_t pad = k / 2;
  TORCH_CHECK(x_in.size(1) == in && w.size(0) == n, "modulated conv: input ", x_in.sizes(), ", w ", w.sizes());
  const at::Tensor x = options_.upsample ? upsample2x(x_in) : x_in;
  const at::Tensor styles = affine->forward(w);  // [N, in]
  if (g_path == ModulationPath::Auto && !is_training()) return evalForward(x, styles);
  const at::Tensor base = weight * weight_gain_;
  const bool grouped = g_path == ModulationPath::Grouped;

  if (grouped) {
    // Per-sample weights [N, out, in, k, k], demodulated per output channel, as one grouped convolution.
    at::Tensor wt = base.unsqueeze(0) * styles.view({n, 1, in, 1, 1});
    if (options_.demodulate) wt = wt * at::rsqrt(wt.pow(2).sum({2, 3, 4}, /*keepdim=*/true) + 1e-8);
    const at::Tensor y = at::conv2d(x.reshape({1, n * in, x.size(2), x.size(3)}), wt.reshape({n * out, in, k, k}),
                                    {}, {1, 1}, {pad, pad}, {1, 1}, /*groups=*/n);
    return y.view({n, out, y.size(2), y.size(3)});
  }
  // Separate: (x * s) conv W, then * d with d[n, o] = rsqrt(sum_i s[n, i]^2 * sum_k W[o, i, k]^2).
  at::Tensor y = at::conv2d(toConvLayout(x * styles.view({n, in, 1, 1})), base, {}, {1, 1}, {pad, pad});
  if (options_.demodulate) {
    const NoAutocast fp32;  // the demodulation factors in the weights' precision under bf16 autocast too
    const at::Tensor s2 = styles.to(base.scalar_type()).pow(2);
    const at::Tensor d = at::rsqrt(at::mm(s2, base.pow(2).sum({2, 3}).t()) + 1e-8);  // [N, out]
    y = y * d.view({n, out, 1, 1});
  }
  return y;
}

at::Tensor ModulatedConv2dImpl::weightSquares() {
  if (at::GradMode::is_enabled()) return weight.pow(2).sum({2, 3});
  std::lock_guard<std::mutex> lock(squares_mutex_);
  // An optimiser step or a loaded state dict changes the version (in place) or the storage (assigned).
  if (!squares_.defined() || squares_data_ != weight.data_ptr() || squares_version_ != weight._version()) {
    squares_ = weight.detach().pow(2).sum({2, 3});
    squares_data_ = weight.data_ptr();
    squares_version_ = weight._version();
  }
  return squares_;
}

// (x * s * g) conv W, then * d with d[n, o] = rsqrt(g^2 sum_i s[n, i]^2 sum_k W[o, i, k]^2): the separate form
// with the gain g on the styles instead of a scaled copy of the weights.
at::Tensor ModulatedConv2dImpl::evalForward(const at::Tensor& x, const at::Tensor& styles) {
  const int64_t n = x.size(0), in = options_.in_channels, out = options_.out_channels, pad = options_.kernel / 2;
  const at::Tensor scaled = x * (styles * weight_gain_).view({n, in, 1, 1});
  // One image runs NCHW (the layout oneDNN is quickest in for a single image), a batch the training layout.
  at::Tensor y = at::conv2d(n == 1 ? scaled.contiguous() : toConvLayout(scaled), weight, {}, {1, 1}, {pad, pad});
  if (!options_.demodulate) return y;
  const NoAutocast fp32;
  const at::Tensor s2 = styles.to(weight.scalar_type()).pow(2);
  const at::Tensor d = at::rsqrt(at::mm(s2, weightSquares().t()) * (weight_gain_ * weight_gain_) + 1e-8);
  return y * d.view({n, out, 1, 1});
}

StyleLayerImpl::StyleLayerImpl(int64_t in_channels, int64_t out_channels, int64_t w_dim, bool upsample) {
  ModulatedConv2dImpl::Options o;
  o.in_channels = in_channels;
  o.out_channels = out_channels;
  o.w_dim = w_dim;
  o.upsample = upsample;
  conv = register_module("conv", ModulatedConv2d(o));
  noise_strength = register_parameter("noise_strength", at::zeros({out_channels}));
  bias = register_parameter("bias", at::zeros({out_channels}));
}

at::Tensor StyleLayerImpl::forward(const at::Tensor& x, const at::Tensor& w, const at::Tensor& noise,
                                   double noise_gain) {
  at::Tensor y = conv->forward(x, w);
  const int64_t c = y.size(1);
  if (noise.defined() && noise_gain != 0.0) y = y + noise * (noise_strength * noise_gain).view({1, c, 1, 1});
  return leakyReluGain(y + bias.view({1, c, 1, 1}));
}

ToRgbImpl::ToRgbImpl(int64_t in_channels, int64_t image_channels, int64_t w_dim) {
  ModulatedConv2dImpl::Options o;
  o.in_channels = in_channels;
  o.out_channels = image_channels;
  o.w_dim = w_dim;
  o.kernel = 1;
  o.demodulate = false;
  conv = register_module("conv", ModulatedConv2d(o));
  bias = register_parameter("bias", at::zeros({image_channels}));
}

at::Tensor ToRgbImpl::forward(const at::Tensor& x, const at::Tensor& w) {
  return conv->forward(x, w) + bias.view({1, -1, 1, 1});
}

}  // namespace gs

#include "models/equalized_layers.h"

#include <cmath>

#include "models/cpu_speed.h"

namespace gs {

EqualizedLinearImpl::EqualizedLinearImpl(int64_t in_features, int64_t out_features, double lr_mul,
                                         double bias_init)
    : weight_gain_(lr_mul / std::sqrt(static_cast<double>(in_features))), bias_gain_(lr_mul) {
  weight = register_parameter("weight", at::randn({out_features, in_features}).div_(lr_mul));
  bias = register_parameter("bias", at::full({out_features}, bias_init / lr_mul));
}

at::Tensor EqualizedLinearImpl::forward(const at::Tensor& x) {
  return at::addmm(bias * bias_gain_, x, (weight * weight_gain_).t());
}

EqualizedConv2dImpl::EqualizedConv2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel, bool with_bias)
    : weight_gain_(1.0 / std::sqrt(static_cast<double>(in_channels * kernel * kernel))), padding_(kernel / 2) {
  weight = register_parameter("weight", at::randn({out_channels, in_channels, kernel, kernel}));
  if (with_bias) bias = register_parameter("bias", at::zeros({out_channels}));
}

at::Tensor EqualizedConv2dImpl::forward(const at::Tensor& x) {
  return at::conv2d(toConvLayout(x), weight * weight_gain_, bias, {1, 1}, {padding_, padding_});
}

at::Tensor leakyReluGain(const at::Tensor& x) { return at::leaky_relu(x, 0.2) * std::sqrt(2.0); }

}  // namespace gs

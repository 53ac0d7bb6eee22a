#include "models/conditional_batchnorm.h"

namespace gs {

ConditionalBatchNorm2dImpl::ConditionalBatchNorm2dImpl(int64_t channels, int64_t classes) {
  norm = register_module("norm", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels).affine(false)));
  gain = register_parameter("gain", at::empty({classes, channels}).normal_(1.0, 0.02));
  bias = register_parameter("bias", at::zeros({classes, channels}));
}

at::Tensor ConditionalBatchNorm2dImpl::forward(const at::Tensor& x, const at::Tensor& classes) {
  const at::Tensor h = norm->forward(x);
  const int64_t c = gain.size(1);
  return h * gain.index_select(0, classes).view({-1, c, 1, 1}) + bias.index_select(0, classes).view({-1, c, 1, 1});
}

void checkClasses(const at::Tensor& classes, int64_t n, int64_t num_classes) {
  TORCH_CHECK(classes.defined() && classes.dim() == 1 && classes.size(0) == n && classes.scalar_type() == at::kLong,
              "classes must be int64 [", n, "], got ", classes.defined() ? classes.sizes() : at::IntArrayRef{});
  if (n == 0) return;
  const auto range = at::aminmax(classes);
  const int64_t lo = std::get<0>(range).item<int64_t>(), hi = std::get<1>(range).item<int64_t>();
  TORCH_CHECK(lo >= 0 && hi < num_classes, "class ", lo < 0 ? lo : hi, " is outside 0..", num_classes - 1);
}

}  // namespace gs

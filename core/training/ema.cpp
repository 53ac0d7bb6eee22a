#include "training/ema.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <cmath>

namespace gs {

double emaBeta(int batch, double ema_kimg) {
  if (ema_kimg <= 0) return 0.0;
  return std::pow(0.5, static_cast<double>(batch) / (ema_kimg * 1000.0));
}

void updateEma(torch::nn::Module& ema, const torch::nn::Module& src, double beta) {
  torch::NoGradGuard no_grad;
  const auto dst_params = ema.parameters();
  const auto src_params = src.parameters();
  TORCH_CHECK(dst_params.size() == src_params.size(), "EMA generator and generator differ in structure");
  for (size_t i = 0; i < dst_params.size(); ++i) {
    at::Tensor d = dst_params[i];
    if (beta == 0.0) {
      d.copy_(src_params[i]);
    } else {
      // lerp_(end, weight) = self + weight * (end - self) = src + beta * (ema - src) with weight 1 - beta.
      d.lerp_(src_params[i], 1.0 - beta);
    }
  }
  const auto dst_bufs = ema.buffers();
  const auto src_bufs = src.buffers();
  TORCH_CHECK(dst_bufs.size() == src_bufs.size(), "EMA generator and generator differ in buffers");
  for (size_t i = 0; i < dst_bufs.size(); ++i) {
    at::Tensor d = dst_bufs[i];
    d.copy_(src_bufs[i]);
  }
}

void copyWeights(torch::nn::Module& dst, const torch::nn::Module& src) { updateEma(dst, src, 0.0); }

}  // namespace gs

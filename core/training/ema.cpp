#include "training/ema.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/nn/modules/batchnorm.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace gs {

double emaBeta(int batch, double ema_kimg) {
  if (ema_kimg <= 0) return 0.0;
  return std::pow(0.5, static_cast<double>(batch) / (ema_kimg * 1000.0));
}

double emaBeta(int batch, double ema_kimg, double rampup, int64_t images_seen) {
  if (ema_kimg <= 0) return 0.0;
  double half_life = ema_kimg * 1000.0;
  if (rampup > 0) half_life = std::min(half_life, rampup * static_cast<double>(images_seen));
  if (half_life <= 0) return 0.0;
  return std::pow(0.5, static_cast<double>(batch) / half_life);
}

void updateEma(torch::nn::Module& ema, const torch::nn::Module& src, double beta, EmaNorm norm) {
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
  const auto dst_bufs = ema.named_buffers();
  const auto src_bufs = src.named_buffers();
  TORCH_CHECK(dst_bufs.size() == src_bufs.size(), "EMA generator and generator differ in buffers");
  const auto is_norm_stat = [](const std::string& name) {
    for (const char* suffix : {"running_mean", "running_var", "num_batches_tracked"})
      if (name.size() >= std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
        return true;
    return false;
  };
  for (size_t i = 0; i < dst_bufs.size(); ++i) {
    // Recompute: BatchNorm statistics are recomputed for the averaged weights later; other buffers (the style
    // generator's w_avg) are still the live generator's.
    if (norm == EmaNorm::Recompute && beta != 0.0 && is_norm_stat(dst_bufs[i].key())) continue;
    at::Tensor d = dst_bufs[i].value();
    if (norm == EmaNorm::Average && beta != 0.0 && d.is_floating_point()) {
      d.lerp_(src_bufs[i].value(), 1.0 - beta);
    } else {
      d.copy_(src_bufs[i].value());
    }
  }
}

void copyWeights(torch::nn::Module& dst, const torch::nn::Module& src) { updateEma(dst, src, 0.0); }

bool hasBatchNorm(torch::nn::Module& m) {
  for (const auto& child : m.modules(/*include_self=*/true))
    if (child->as<torch::nn::BatchNorm2dImpl>()) return true;
  return false;
}

void recomputeNormStats(torch::nn::Module& m, int batches, const std::function<void()>& run_batch) {
  std::vector<std::pair<torch::nn::BatchNorm2dImpl*, c10::optional<double>>> norms;
  for (const auto& child : m.modules(/*include_self=*/true)) {
    if (auto* bn = child->as<torch::nn::BatchNorm2dImpl>()) {
      norms.emplace_back(bn, bn->options.momentum());
      bn->reset_running_stats();
      bn->options.momentum(c10::nullopt);  // cumulative average: every batch counts the same
    }
  }
  if (norms.empty()) return;
  torch::NoGradGuard no_grad;
  m.train();
  try {
    for (int i = 0; i < batches; ++i) run_batch();
  } catch (...) {
    for (auto& [bn, momentum] : norms) bn->options.momentum(momentum);
    m.eval();
    throw;
  }
  for (auto& [bn, momentum] : norms) bn->options.momentum(momentum);
  m.eval();
}

}  // namespace gs

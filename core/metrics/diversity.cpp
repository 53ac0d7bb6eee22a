#include "metrics/diversity.h"

#include <torch/csrc/autograd/grad_mode.h>

#include <cmath>
#include <limits>

#include "models/networks.h"

namespace gs {
namespace {

// Runs fn on D in eval mode with no gradients, then puts D's mode back even if fn throws.
template <typename Fn>
at::Tensor inEvalMode(DiscriminatorNet& d, const at::Tensor& images, Fn fn) {
  torch::NoGradGuard no_grad;
  const bool was_training = d.is_training();
  d.eval();
  const auto device = d.parameters().empty() ? images.device() : d.parameters().front().device();
  at::Tensor out;
  try {
    out = fn(images.to(device, at::kFloat)).to(at::kCPU);
  } catch (...) {
    d.train(was_training);
    throw;
  }
  d.train(was_training);
  return out;
}

}  // namespace

at::Tensor pairwiseDistances(const at::Tensor& x) {
  TORCH_CHECK(x.dim() >= 2 && x.size(0) >= 1, "pairwiseDistances: need [N, ...] rows, got ", x.sizes());
  const at::Tensor rows = x.detach().to(at::kCPU, at::kDouble).flatten(1);
  // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, clamped at 0 against rounding.
  const at::Tensor sq = (rows * rows).sum(1);
  at::Tensor d2 = (sq.unsqueeze(1) + sq.unsqueeze(0) - 2 * rows.matmul(rows.t())).clamp_min(0);
  d2.fill_diagonal_(0);
  return (d2 / static_cast<double>(rows.size(1))).sqrt();
}

double meanDistance(const at::Tensor& distances) {
  const int64_t n = distances.size(0);
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  return distances.sum().item<double>() / static_cast<double>(n * (n - 1));
}

at::Tensor discriminatorFeatures(DiscriminatorNet& d, const at::Tensor& images) {
  return inEvalMode(d, images, [&d](const at::Tensor& x) { return d.features(x); });
}

at::Tensor discriminatorOutputs(DiscriminatorNet& d, const at::Tensor& images) {
  return inEvalMode(d, images, [&d](const at::Tensor& x) { return d.forward(x); });
}

DiversityRatio diversityRatio(const at::Tensor& fake, const at::Tensor& real) {
  DiversityRatio r;
  r.fake = meanDistance(pairwiseDistances(fake));
  r.real = meanDistance(pairwiseDistances(real));
  r.ratio = r.real > 0 ? r.fake / r.real : std::numeric_limits<double>::quiet_NaN();
  return r;
}

}  // namespace gs

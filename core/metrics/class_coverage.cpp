#include "metrics/class_coverage.h"

#include <c10/core/GradMode.h>

#include <cstdio>

#include "models/networks.h"

namespace gs {

ClassCoverage classCoverage(const at::Tensor& scores, const at::Tensor& classes) {
  TORCH_CHECK(scores.dim() == 2 && scores.size(0) == classes.size(0), "classCoverage: scores ", scores.sizes(),
              " for ", classes.sizes(), " classes");
  const int64_t k = scores.size(1), n = scores.size(0);
  const at::Tensor put = scores.argmax(1).to(at::kCPU);
  const at::Tensor counts = at::bincount(put, {}, k).to(at::kDouble);
  ClassCoverage c;
  for (int64_t i = 0; i < k; ++i) {
    c.share.push_back(n > 0 ? counts[i].item<double>() / double(n) : 0.0);
    if (c.share.back() < kCoverageFlag / double(k)) c.flagged.push_back(static_cast<int>(i));
  }
  c.agreement = n > 0 ? put.eq(classes.to(at::kCPU)).to(at::kDouble).mean().item<double>() : 0.0;
  return c;
}

namespace {

// L2-normalised D features [N, F] on the CPU.
at::Tensor unitFeatures(DiscriminatorNet& d, const at::Tensor& images) {
  std::vector<at::Tensor> parts;
  const auto device = d.parameters().front().device();
  for (int64_t i = 0; i < images.size(0); i += 256)
    parts.push_back(d.features(images.slice(0, i, i + 256).to(device)).to(at::kCPU, at::kFloat).flatten(1));
  const at::Tensor f = at::cat(parts);
  return f / (f.norm(2, {1}, /*keepdim=*/true) + 1e-8);
}

// Unit centroid per class [k, F] (zero for a class without images).
at::Tensor centroids(const at::Tensor& unit, const at::Tensor& labels, int64_t k) {
  at::Tensor sums = at::zeros({k, unit.size(1)}, unit.options());
  sums.index_add_(0, labels.to(at::kCPU), unit);
  return sums / (sums.norm(2, {1}, /*keepdim=*/true) + 1e-8);
}

}  // namespace

ClassCoverage classCoverage(DiscriminatorNet& d, const at::Tensor& fakes, const at::Tensor& asked,
                            const at::Tensor& reals, const at::Tensor& real_labels, int64_t k,
                            double* real_agreement) {
  TORCH_CHECK(reals.size(0) == real_labels.size(0) && reals.size(0) >= 2, "classCoverage: ", reals.size(0),
              " real images for ", real_labels.size(0), " labels");
  at::NoGradGuard no_grad;
  const bool was_training = d.is_training();
  d.eval();
  const at::Tensor real_unit = unitFeatures(d, reals), fake_unit = unitFeatures(d, fakes);
  d.train(was_training);
  const at::Tensor labels = real_labels.to(at::kCPU);
  if (real_agreement) {
    const at::Tensor even = at::arange(0, labels.size(0), 2, at::kLong), odd = at::arange(1, labels.size(0), 2, at::kLong);
    const at::Tensor half = centroids(real_unit.index_select(0, even), labels.index_select(0, even), k);
    *real_agreement = classCoverage(real_unit.index_select(0, odd).matmul(half.t()), labels.index_select(0, odd)).agreement;
  }
  return classCoverage(fake_unit.matmul(centroids(real_unit, labels, k).t()), asked);
}

std::string describeFlagged(const ClassCoverage& c, const std::vector<std::string>& names) {
  std::string out;
  for (int k : c.flagged) {
    char share[32];
    std::snprintf(share, sizeof share, " %.3f", c.share[size_t(k)]);
    out += (out.empty() ? "" : ", ") + (size_t(k) < names.size() ? names[size_t(k)] : std::to_string(k)) + share;
  }
  return out;
}

}  // namespace gs

#include "metrics/feature_distance.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <vector>

#include "util/error.h"

namespace gs {
namespace {

at::Tensor rows(const at::Tensor& x, const char* what) {
  if (x.dim() != 2 || x.size(0) < 2)
    throw GanscopeError(std::string(what) + ": needs at least two feature rows [N, D], got " +
                        std::to_string(x.dim()) + "-d tensor");
  return x.detach().to(at::kCPU, at::kDouble).contiguous();
}

void checkSameWidth(const at::Tensor& a, const at::Tensor& b, const char* what) {
  if (a.size(1) != b.size(1))
    throw GanscopeError(std::string(what) + ": feature widths differ (" + std::to_string(a.size(1)) + " and " +
                        std::to_string(b.size(1)) + ")");
}

// Square root of a symmetric positive semi-definite matrix; tiny negative eigenvalues (rounding) count as 0.
at::Tensor sqrtPsd(const at::Tensor& m) {
  auto [values, vectors] = at::linalg_eigh((m + m.t()) * 0.5);
  return at::matmul(vectors * values.clamp_min(0).sqrt(), vectors.t());
}

// Sum of the kernel matrix of a and b: (a.b / d + 1)^3.
at::Tensor polyKernel(const at::Tensor& a, const at::Tensor& b) {
  return (at::matmul(a, b.t()) / static_cast<double>(a.size(1)) + 1.0).pow(3);
}

// Squared distances between the rows of a and b.
at::Tensor squaredDistances(const at::Tensor& a, const at::Tensor& b) {
  const at::Tensor aa = (a * a).sum(1, true), bb = (b * b).sum(1, true);
  return (aa + bb.t() - 2.0 * at::matmul(a, b.t())).clamp_min(0);
}

// Squared radius of each row's ball: distance to its k-th nearest other row.
constexpr int64_t kChunk = 1024;  // rows per distance block, so 10k x 10k is never held at once

at::Tensor kthNeighbourRadii(const at::Tensor& x, int k) {
  std::vector<at::Tensor> parts;
  for (int64_t i = 0; i < x.size(0); i += kChunk) {
    const at::Tensor d = squaredDistances(x.slice(0, i, std::min(i + kChunk, x.size(0))), x);
    // The smallest entry of each row is the row itself (0), so the k-th neighbour is the (k+1)-th smallest.
    parts.push_back(std::get<0>(d.topk(k + 1, 1, /*largest=*/false, /*sorted=*/true)).select(1, k));
  }
  return at::cat(parts);
}

// Share of the rows of `query` inside at least one ball (centre row of `ref`, squared radius).
double coverage(const at::Tensor& query, const at::Tensor& ref, const at::Tensor& radii) {
  int64_t inside = 0;
  for (int64_t i = 0; i < query.size(0); i += kChunk) {
    const at::Tensor q = query.slice(0, i, std::min(i + kChunk, query.size(0)));
    const at::Tensor within = squaredDistances(q, ref) <= radii.unsqueeze(0);
    inside += within.any(1).sum().item<int64_t>();
  }
  return static_cast<double>(inside) / static_cast<double>(query.size(0));
}

}  // namespace

FeatureStats featureStats(const at::Tensor& features) {
  const at::Tensor x = rows(features, "feature statistics");
  FeatureStats s;
  s.mean = x.mean(0);
  const at::Tensor centred = x - s.mean;
  s.cov = at::matmul(centred.t(), centred) / static_cast<double>(x.size(0) - 1);
  return s;
}

double frechetDistance(const FeatureStats& a, const FeatureStats& b) {
  if (a.mean.numel() != b.mean.numel()) throw GanscopeError("Frechet distance: feature widths differ");
  const at::Tensor diff = a.mean - b.mean;
  const at::Tensor root_a = sqrtPsd(a.cov);
  const at::Tensor cross = sqrtPsd(at::matmul(at::matmul(root_a, b.cov), root_a));
  const double value = (diff * diff).sum().item<double>() + a.cov.trace().item<double>() +
                       b.cov.trace().item<double>() - 2.0 * cross.trace().item<double>();
  return std::max(0.0, value);
}

double frechetDistance(const at::Tensor& a, const at::Tensor& b) {
  return frechetDistance(featureStats(a), featureStats(b));
}

double kernelDistance(const at::Tensor& a_in, const at::Tensor& b_in, int subsets, int64_t subset_size,
                      uint64_t seed) {
  const at::Tensor a = rows(a_in, "kernel distance"), b = rows(b_in, "kernel distance");
  checkSameWidth(a, b, "kernel distance");
  const int64_t m = std::min({subset_size, a.size(0), b.size(0)});
  const bool whole = m == a.size(0) && m == b.size(0);
  if (whole) subsets = 1;
  at::Generator gen = at::detail::createCPUGenerator(seed);
  double total = 0;
  for (int s = 0; s < std::max(1, subsets); ++s) {
    const at::Tensor x = whole ? a : a.index_select(0, at::randperm(a.size(0), gen, at::kLong).slice(0, 0, m));
    const at::Tensor y = whole ? b : b.index_select(0, at::randperm(b.size(0), gen, at::kLong).slice(0, 0, m));
    const at::Tensor kxx = polyKernel(x, x), kyy = polyKernel(y, y), kxy = polyKernel(x, y);
    const double off_xx = (kxx.sum() - kxx.trace()).item<double>();
    const double off_yy = (kyy.sum() - kyy.trace()).item<double>();
    const double md = static_cast<double>(m);
    total += (off_xx + off_yy) / (md * (md - 1)) - 2.0 * kxy.sum().item<double>() / (md * md);
  }
  return total / std::max(1, subsets);
}

PrecisionRecall precisionRecall(const at::Tensor& real_in, const at::Tensor& fake_in, int k) {
  const at::Tensor real = rows(real_in, "precision/recall"), fake = rows(fake_in, "precision/recall");
  checkSameWidth(real, fake, "precision/recall");
  if (k < 1 || k >= std::min(real.size(0), fake.size(0)))
    throw GanscopeError("precision/recall: k = " + std::to_string(k) + " needs more rows than k in each set");
  PrecisionRecall pr;
  pr.precision = coverage(fake, real, kthNeighbourRadii(real, k));
  pr.recall = coverage(real, fake, kthNeighbourRadii(fake, k));
  return pr;
}

}  // namespace gs

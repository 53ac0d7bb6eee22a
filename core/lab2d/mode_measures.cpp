#include "lab2d/mode_measures.h"

#include <algorithm>

namespace gs {

ModeCoverage measureModes(const at::Tensor& points, const PointMixture& mixture, double radius_sigmas) {
  TORCH_CHECK(points.dim() == 2 && points.size(1) == 2, "measureModes: points must be [N, 2], got ",
              points.sizes());
  ModeCoverage c;
  c.modes_total = static_cast<int>(mixture.centres.size());
  c.samples = points.size(0);
  c.nearest_counts.assign(mixture.centres.size(), 0);
  c.high_quality_counts.assign(mixture.centres.size(), 0);
  if (c.samples == 0 || c.modes_total == 0) return c;

  // Nearest centre of every sample, in double so the 3-sigma boundary is exact for hand-made points.
  const at::Tensor p = points.detach().to(at::kCPU, at::kDouble).contiguous();
  const at::Tensor d = at::cdist(p, mixture.centreTensor().to(at::kDouble));
  const auto nearest = d.min(/*dim=*/1);
  const at::Tensor dist = std::get<0>(nearest).contiguous();
  const at::Tensor mode = std::get<1>(nearest).contiguous();
  const double radius = radius_sigmas * mixture.sigma;
  const double* dd = dist.data_ptr<double>();
  const int64_t* mm = mode.data_ptr<int64_t>();
  for (int64_t i = 0; i < c.samples; ++i) {
    ++c.nearest_counts[mm[i]];
    if (dd[i] <= radius) {
      ++c.high_quality_counts[mm[i]];
      ++c.high_quality_samples;
    }
  }
  c.modes_captured = static_cast<int>(
      std::count_if(c.high_quality_counts.begin(), c.high_quality_counts.end(), [](int64_t n) { return n > 0; }));
  return c;
}

double meanPairwiseDistance(const at::Tensor& points) {
  TORCH_CHECK(points.dim() == 2 && points.size(0) >= 2, "meanPairwiseDistance needs at least two points, got ",
              points.sizes());
  const at::Tensor p = points.detach().to(at::kCPU, at::kDouble);
  const int64_t n = p.size(0);
  // The diagonal is zero, so the sum over all ordered pairs divided by n(n-1) is the mean over distinct pairs.
  return at::cdist(p, p).sum().item<double>() / double(n * (n - 1));
}

double modeExcess(const ModeCoverage& coverage) {
  if (coverage.samples == 0 || coverage.modes_total == 0) return 0.0;
  const double fair = 1.0 / coverage.modes_total;
  double excess = 0;
  for (int64_t n : coverage.nearest_counts) excess += std::max(0.0, double(n) / double(coverage.samples) - fair);
  return excess;
}

}  // namespace gs

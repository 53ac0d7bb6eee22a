#include "metrics/output_histogram.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace gs {

Histogram outputHistogram(const at::Tensor& outputs, bool logistic, int bins, double critic_range) {
  if (bins < 1) throw GanscopeError("histogram needs at least one bin (got " + std::to_string(bins) + ")");
  Histogram h;
  h.lo = logistic ? 0.0 : -critic_range;
  h.hi = logistic ? 1.0 : critic_range;
  h.counts.assign(static_cast<size_t>(bins), 0);
  at::Tensor v = outputs.detach().to(at::kCPU, at::kDouble).flatten().contiguous();
  if (logistic) v = v.sigmoid();
  const double* p = v.data_ptr<double>();
  const double width = (h.hi - h.lo) / bins;
  for (int64_t i = 0; i < v.numel(); ++i) {
    if (!std::isfinite(p[i])) continue;
    const auto bin = static_cast<int64_t>(std::floor((p[i] - h.lo) / width));
    ++h.counts[static_cast<size_t>(std::clamp<int64_t>(bin, 0, bins - 1))];
  }
  return h;
}

}  // namespace gs

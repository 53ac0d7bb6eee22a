#pragma once
// Percentiles of measured samples for the UI benchmarks' printed figures.
#include <algorithm>
#include <vector>

namespace gs::bench {

// The p-quantile (0..1) of v, nearest rank; 0 for no samples.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

}  // namespace gs::bench

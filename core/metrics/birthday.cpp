#include "metrics/birthday.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "metrics/diversity.h"
#include "util/error.h"

namespace gs {
namespace {

// Number of samples drawn when the first near-duplicate pair appears (max_batch + 1 when none does).
int firstDuplicateSize(const at::Tensor& samples, double threshold) {
  const at::Tensor d = pairwiseDistances(samples).contiguous();
  const int64_t n = d.size(0);
  const double* p = d.data_ptr<double>();
  for (int64_t j = 1; j < n; ++j)
    for (int64_t i = 0; i < j; ++i)
      if (p[i * n + j] < threshold) return static_cast<int>(j + 1);
  return static_cast<int>(n + 1);
}

double supportOf(int batch_size) { return batch_size * static_cast<double>(batch_size) / (2 * std::log(2.0)); }

}  // namespace

BirthdayEstimate birthdayEstimate(const std::function<at::Tensor(int64_t n, int trial)>& draw, double threshold,
                                  int max_batch, int trials) {
  if (max_batch < 2 || trials < 1)
    throw GanscopeError("birthday estimate needs batches of at least 2 samples and at least 1 trial (got max_batch " +
                        std::to_string(max_batch) + ", trials " + std::to_string(trials) + ")");
  BirthdayEstimate e;
  e.trials = trials;
  e.max_batch = max_batch;
  if (!(threshold > 0)) return e;  // no real distance to compare with: not measured
  std::vector<int> sizes;
  for (int t = 0; t < trials; ++t) {
    const at::Tensor samples = draw(max_batch, t);
    TORCH_CHECK(samples.size(0) == max_batch, "birthday estimate: draw returned ", samples.size(0), " samples, not ",
                max_batch);
    sizes.push_back(firstDuplicateSize(samples, threshold));
  }
  // The smallest s with P(duplicate within s) >= 1/2: the ceil(trials/2)-th smallest first-duplicate size.
  std::sort(sizes.begin(), sizes.end());
  const int s = sizes[static_cast<size_t>((trials + 1) / 2 - 1)];
  e.lower_bound = s > max_batch;
  e.batch_size = std::min(s, max_batch);
  e.support = supportOf(e.batch_size);
  return e;
}

}  // namespace gs

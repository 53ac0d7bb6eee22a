#pragma once
// Birthday-paradox estimate of a generator's support size (Arora and Zhang, 2017): if batches of s samples
// contain a near-duplicate pair with probability >= 1/2, the distribution has about s^2 distinct outputs.
#include <ATen/ATen.h>

#include <functional>

#include "metrics/health_record.h"

namespace gs {

// draw(n, trial) returns n fresh samples [n, ...] for trial `trial`. Each trial draws max_batch samples and notes
// the batch size at which the first near-duplicate pair (pixel distance, as pairwiseDistances, below
// `threshold`) appears; the smallest s reached by at least half the trials is the median of those sizes. The
// support is reported as s^2 / (2 ln 2): Arora and Zhang's s^2 with the constant that makes it exact for a
// uniform distribution (P(duplicate among s) = 1 - exp(-s^2 / 2N)). When half the trials see no duplicate up
// to max_batch, the result is a lower bound: max_batch^2 / (2 ln 2).
BirthdayEstimate birthdayEstimate(const std::function<at::Tensor(int64_t n, int trial)>& draw, double threshold,
                                  int max_batch, int trials);

}  // namespace gs

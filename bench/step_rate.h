#pragma once
// Median images/s over a trainer's steps after a short warm-up (the first steps warm the allocator and
// oneDNN's kernels up), for the benches that time whole Trainer steps through their own StepStats.
#include <algorithm>
#include <vector>

namespace gs::bench {

template <class Trainer>
double medianStepRate(Trainer& trainer, int steps, int warmup = 2) {
  std::vector<double> rates;
  for (int i = 0; i < steps + warmup; ++i) {
    const auto stats = trainer.step();
    if (i >= warmup) rates.push_back(stats.images_per_second);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace gs::bench

#include "explore/latent_seed.h"

#include <cmath>

namespace gs {
namespace {

uint64_t splitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Uniform in (0, 1]: never 0, so the logarithm below is finite.
double uniform(uint64_t& state) { return (static_cast<double>(splitMix64(state) >> 11) + 1.0) * 0x1.0p-53; }

}  // namespace

std::vector<float> latentFromSeed(uint64_t seed, int dim) {
  std::vector<float> z(static_cast<size_t>(dim > 0 ? dim : 0));
  uint64_t state = seed;
  for (size_t i = 0; i < z.size(); i += 2) {
    const double r = std::sqrt(-2.0 * std::log(uniform(state)));
    const double theta = 2.0 * M_PI * uniform(state);
    z[i] = static_cast<float>(r * std::cos(theta));
    if (i + 1 < z.size()) z[i + 1] = static_cast<float>(r * std::sin(theta));
  }
  return z;
}

uint64_t fixedGridSeed(uint64_t run_seed, int index) {
  uint64_t state = run_seed ^ 0x6a09e667f3bcc909ULL;
  return splitMix64(state) + static_cast<uint64_t>(index);
}

}  // namespace gs

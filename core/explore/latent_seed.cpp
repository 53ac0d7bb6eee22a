#include "explore/latent_seed.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "util/error.h"
#include "util/seeded_stream.h"

namespace gs {
namespace {

// Uniform in (0, 1]: never 0, so the logarithm below is finite.
double uniform(uint64_t& state) { return (static_cast<double>(splitmix64Next(state) >> 11) + 1.0) * 0x1.0p-53; }

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
  return splitmix64Next(state) + static_cast<uint64_t>(index);
}

std::vector<uint64_t> gridSeeds(uint64_t run_seed, int count) {
  std::vector<uint64_t> seeds;
  for (int i = 0; i < count; ++i) seeds.push_back(fixedGridSeed(run_seed, i));
  return seeds;
}

std::vector<uint64_t> parseSeedList(const std::string& text) {
  std::vector<uint64_t> seeds;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const size_t first = text.find_first_not_of(" \t", start);
    const size_t last = text.find_last_not_of(" \t", comma == 0 ? 0 : comma - 1);
    const std::string part = first < comma && last != std::string::npos && last >= first
                                 ? text.substr(first, last - first + 1)
                                 : std::string();
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(part.c_str(), &end, 10);
    if (part.empty() || part[0] == '-' || *end != '\0' || errno == ERANGE)
      throw GanscopeError("'" + part + "' is not a seed (a non-negative whole number)");
    seeds.push_back(v);
    start = comma + 1;
  }
  return seeds;
}

}  // namespace gs

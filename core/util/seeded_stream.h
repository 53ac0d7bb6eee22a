#pragma once
// splitmix64 (Steele, Lea and Flood 2014), the project's one seed mixer: independent, reproducible streams
// (weights, latents, shuffles, flips, noise maps, latent seeds) from one user-given seed.
#include <cstdint>

namespace gs {

inline constexpr uint64_t kSplitMixGamma = 0x9e3779b97f4a7c15ULL;

// The finalising mix of splitmix64: a bijection that scatters nearby inputs.
inline constexpr uint64_t splitMixFinal(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One splitmix64 step from state `x` (the stateless form: hash of x).
inline constexpr uint64_t splitmix64(uint64_t x) { return splitMixFinal(x + kSplitMixGamma); }

// The next value of a splitmix64 generator whose state is `state` (advances it).
inline uint64_t splitmix64Next(uint64_t& state) { return splitMixFinal(state += kSplitMixGamma); }

// Seed of stream `stream` of a run seeded with `seed`: nearby seeds and streams give unrelated values.
inline constexpr uint64_t deriveSeed(uint64_t seed, uint64_t stream) {
  return splitMixFinal(seed + kSplitMixGamma * (stream + 1));
}

}  // namespace gs

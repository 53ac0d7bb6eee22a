#pragma once
// Seeds to latents, identical in every build: z ~ N(0, I) from our own generator (SplitMix64 + Box-Muller),
// not LibTorch's, so a seed means the same image in the CLI, the desktop app and exports, on CPU or CUDA and
// across LibTorch versions.
#include <cstdint>
#include <vector>

namespace gs {

std::vector<float> latentFromSeed(uint64_t seed, int dim);

// Seed of cell `index` of a run's fixed sample grid: the grid shows latentFromSeed(fixedGridSeed(seed, i)).
uint64_t fixedGridSeed(uint64_t run_seed, int index);

}  // namespace gs

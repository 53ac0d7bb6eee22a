#pragma once
// Seeds to latents, identical in every build: z ~ N(0, I) from our own generator (SplitMix64 + Box-Muller),
// not LibTorch's, so a seed means the same image in the CLI, the desktop app and exports, on CPU or CUDA and
// across LibTorch versions.
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

std::vector<float> latentFromSeed(uint64_t seed, int dim);

// Seed of cell `index` of a run's fixed sample grid: the grid shows latentFromSeed(fixedGridSeed(seed, i)).
uint64_t fixedGridSeed(uint64_t run_seed, int index);
// The first `count` cells' seeds of that grid.
std::vector<uint64_t> gridSeeds(uint64_t run_seed, int count);

// "3, 4,5": seeds separated by commas (spaces allowed); throws GanscopeError naming the part that is not a
// non-negative whole number.
std::vector<uint64_t> parseSeedList(const std::string& text);

}  // namespace gs

#pragma once
// ProGAN's sliced Wasserstein distance (Karras et al. 2018): 7x7 patches from each level of a Laplacian pyramid
// of the real and the generated images, compared by sorted random 1-D projections. Needs no trained network, so
// it works on any user's folder; lower is better, 0 for identical sets.
#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace gs {

struct SwdOptions {
  int patch = 7;                // patch side (ProGAN: 7)
  int patches_per_image = 128;  // random patch positions per image and level
  int repeats = 4;              // sets of random directions
  int directions = 128;         // directions per set
  int min_resolution = 16;      // coarsest pyramid level
  uint64_t seed = 0;            // patch positions and directions; the same for both sets
};

struct SwdResult {
  std::vector<int> resolutions;  // finest first, e.g. 32, 16
  std::vector<double> levels;    // SWD x 1e3 per level (ProGAN's scale)
  double mean = 0;               // average over the levels
};

// Laplacian pyramid of images [N, C, H, W]: band-pass levels finest first, the low-pass residual last.
std::vector<at::Tensor> laplacianPyramid(const at::Tensor& images, int levels);
// Sliced Wasserstein distance between two equally sized sets of rows [N, D] (mean |sorted projections|).
double slicedWasserstein(const at::Tensor& a, const at::Tensor& b, int repeats, int directions, uint64_t seed);
// Real and generated images [N, C, H, W] in any one value range, the same N and size.
SwdResult slicedWassersteinDistance(const at::Tensor& real, const at::Tensor& fake, const SwdOptions& options = {});

}  // namespace gs

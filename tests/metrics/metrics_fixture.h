#pragma once
// Small generated datasets for the metrics tests: n images of random pixels (every pair clearly different).
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "data/image_dataset.h"

namespace gs {

inline std::shared_ptr<ImageDataset> randomDataset(int64_t n, int resolution = 32, int channels = 3,
                                                   uint32_t seed = 1) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<uint8_t> pixels(static_cast<size_t>(n) * resolution * resolution * channels);
  for (auto& p : pixels) p = static_cast<uint8_t>(byte(rng));
  return ImageDataset::fromPixels(std::move(pixels), n, channels, resolution);
}

}  // namespace gs

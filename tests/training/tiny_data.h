#pragma once
// Small generated training data and configs shared by the training tests.
#include <ATen/ATen.h>
#include <torch/nn/module.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"

namespace gs::test {

// n RGB images of `res` px: a filled square or disc of a random colour at a random place on white.
inline std::shared_ptr<ImageDataset> shapesDataset(int64_t n = 64, int res = 32, uint32_t seed = 7) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> px(static_cast<size_t>(n) * res * res * 3, 255);
  for (int64_t i = 0; i < n; ++i) {
    const int size = res / 4 + static_cast<int>(rng() % (res / 4));
    const int cx = size / 2 + static_cast<int>(rng() % (res - size));
    const int cy = size / 2 + static_cast<int>(rng() % (res - size));
    const bool disc = rng() % 2;
    const uint8_t col[3] = {uint8_t(rng() % 200), uint8_t(rng() % 200), uint8_t(rng() % 200)};
    for (int y = 0; y < res; ++y)
      for (int x = 0; x < res; ++x) {
        const int dx = x - cx, dy = y - cy;
        const bool inside = disc ? dx * dx + dy * dy <= size * size / 4 : std::abs(dx) <= size / 2 && std::abs(dy) <= size / 2;
        if (!inside) continue;
        uint8_t* p = &px[((static_cast<size_t>(i) * res + y) * res + x) * 3];
        for (int c = 0; c < 3; ++c) p[c] = col[c];
      }
  }
  return ImageDataset::fromPixels(std::move(px), n, 3, res, "shapes");
}

inline TrainConfig tinyConfig(LossKind loss = LossKind::NonSaturating) {
  TrainConfig c;
  c.data.resolution = 32;
  c.model.resolution = 32;
  c.model.latent_dim = 32;
  c.model.g_width = 16;
  c.model.d_width = 16;
  c.optim.loss = loss;
  c.batch = 16;
  c.seed = 42;
  c.grid_size = 3;
  c.device = "cpu";
  c.threads = 2;
  return c;
}

// A fresh empty folder under the system temp dir.
inline std::string tempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ganscope-" + name + "-" + std::to_string(std::random_device{}()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Every parameter and buffer bitwise equal (same structure assumed).
inline bool sameWeights(const torch::nn::Module& a, const torch::nn::Module& b) {
  const auto pa = a.parameters(), pb = b.parameters();
  const auto ba = a.buffers(), bb = b.buffers();
  if (pa.size() != pb.size() || ba.size() != bb.size()) return false;
  for (size_t i = 0; i < pa.size(); ++i)
    if (!at::equal(pa[i].cpu(), pb[i].cpu())) return false;
  for (size_t i = 0; i < ba.size(); ++i)
    if (!at::equal(ba[i].cpu(), bb[i].cpu())) return false;
  return true;
}

}  // namespace gs::test

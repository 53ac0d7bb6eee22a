#pragma once
// The generators of an image-to-image checkpoint, for translating (CPU, eval mode): pix2pix's U-Net (A -> B), or
// CycleGAN's two ResNet generators (A -> B and B -> A).
#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <string>

#include "config.h"

namespace gs {

struct TranslatorFile {
  TrainConfig config;
  int64_t step = 0;
  std::string fingerprint;  // of the training data
  // [N, C, R, R] in [-1, 1] -> the other side; b_to_a is empty for pix2pix. Call under a NoGradGuard.
  std::function<at::Tensor(const at::Tensor&)> a_to_b;
  std::function<at::Tensor(const at::Tensor&)> b_to_a;
};

// Throws GanscopeError naming the file when it is damaged or holds a latent model.
TranslatorFile loadTranslatorFile(const std::string& path);

}  // namespace gs

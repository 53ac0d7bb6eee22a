#pragma once
// Generated image tensors ([N, C, H, W] in [-1, 1], any device) to 8-bit images, and back.
#include <ATen/ATen.h>

#include <vector>

#include "util/image.h"

namespace gs {

std::vector<ImageU8> tensorToImages(const at::Tensor& images);
// [C, H, W] float in [-1, 1] on the CPU.
at::Tensor imageToTensor(const ImageU8& image);

}  // namespace gs

#pragma once
// LibTorch side of latent_directions.h, shared by it and GeneratorSession.
#include <ATen/core/Tensor.h>

#include "explore/latent_directions.h"

namespace gs {

// Up to `count` eigenvectors of the symmetric positive semi-definite `gram` [dim, dim], largest eigenvalue first,
// signs fixed (largest-magnitude entry positive). sigma = sqrt(eigenvalue / scale); explained = eigenvalue / trace.
LatentDirections eigenDirections(const at::Tensor& gram, int count, double scale);

}  // namespace gs

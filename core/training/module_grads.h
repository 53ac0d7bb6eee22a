#pragma once
// Small operations on a network's parameters that every trainer's step needs.
#include <ATen/ATen.h>
#include <torch/nn/module.h>

#include <cmath>
#include <vector>

namespace gs {

// Drops the gradients (cheaper than zeroing, and a parameter without one is skipped by Adam).
inline void clearGrads(torch::nn::Module& m) {
  for (auto& p : m.parameters()) p.mutable_grad() = at::Tensor();
}

// D's weights need no gradients during G's step.
inline void setRequiresGrad(torch::nn::Module& m, bool on) {
  for (auto& p : m.parameters()) p.requires_grad_(on);
}

// L2 norm of all parameter gradients together (0 when there are none).
inline double gradNorm(torch::nn::Module& m) {
  std::vector<at::Tensor> norms;
  for (const auto& p : m.parameters())
    if (p.grad().defined()) norms.push_back(p.grad().detach().to(at::kDouble).norm());
  if (norms.empty()) return 0.0;
  return at::stack(norms).norm().item<double>();
}

// False when any weight is NaN or infinite: one double-precision reduction per network (a NaN or Inf anywhere
// makes the sum non-finite) instead of one host sync per parameter, since this runs after every step.
inline bool weightsFinite(const torch::nn::Module& m) {
  std::vector<at::Tensor> sums;
  for (const auto& p : m.parameters()) sums.push_back(p.detach().sum(at::kDouble));
  return sums.empty() || std::isfinite(at::stack(sums).sum().item<double>());
}

}  // namespace gs

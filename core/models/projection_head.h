#pragma once
// The class part of a projection discriminator (Miyato & Koyama 2018): one embedding vector per class, and the
// score <embed(y), phi(x)> added to D's class-agnostic logit.
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace gs {

class ProjectionHeadImpl : public torch::nn::Module {
 public:
  ProjectionHeadImpl(int64_t classes, int64_t features);
  // features [N, F], classes [N] int64 -> [N].
  at::Tensor score(const at::Tensor& features, const at::Tensor& classes);
  // features [N, F] -> [N, K]: the score of every class.
  at::Tensor allScores(const at::Tensor& features);

  at::Tensor embed;  // [K, F], N(0, 1/F) at the start
};
TORCH_MODULE(ProjectionHead);

}  // namespace gs

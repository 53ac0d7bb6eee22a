#pragma once
// Conditional BatchNorm (de Vries et al. 2017; Miyato & Koyama 2018): BatchNorm without its own affine part,
// then a per-class gain and bias, so each class gets its own scale and shift of every feature map.
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/pimpl.h>

namespace gs {

class ConditionalBatchNorm2dImpl : public torch::nn::Module {
 public:
  ConditionalBatchNorm2dImpl(int64_t channels, int64_t classes);
  // x [N, C, H, W], classes [N] int64 in 0..classes-1.
  at::Tensor forward(const at::Tensor& x, const at::Tensor& classes);

  torch::nn::BatchNorm2d norm{nullptr};  // statistics only (affine off)
  at::Tensor gain;                       // [classes, C], starts at N(1, 0.02) like DCGAN's BatchNorm weight
  at::Tensor bias;                       // [classes, C], starts at 0
};
TORCH_MODULE(ConditionalBatchNorm2d);

// TORCH_CHECKs that `classes` is [n] int64 with values in 0..num_classes-1 (one sync to read the range).
void checkClasses(const at::Tensor& classes, int64_t n, int64_t num_classes);

}  // namespace gs

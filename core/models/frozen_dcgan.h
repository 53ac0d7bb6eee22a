#pragma once
// An inference-only copy of a trained DCGAN generator, for the latent explorer's frames (batch 1) and sample
// grids. Each stage's BatchNorm, with its running statistics, is folded into the transposed convolution before it
// (weight scaled per output channel, plus a bias), so a stage is one convolution, one in-place bias add and one
// in-place ReLU. Conditional BatchNorm folds its statistics the same way and keeps the per-class gain and bias as
// one multiply-add. A single image on the CPU runs NCHW, each transposed convolution as a matrix product and a
// col2im (oneDNN's kernels, channels-last or not, are slower for one image on Debian's LibTorch); larger batches
// keep the networks' training layout and the oneDNN route (models/cpu_speed.h, models/fast_conv_transpose.h).
//
// The same images as DcganGenerator in eval mode, to float rounding (the folded weights round differently).
#include <ATen/ATen.h>

#include <vector>

namespace gs {

class DcganGenerator;

class FrozenDcgan {
 public:
  // Copies and folds `generator`'s weights (on their device). The generator need not stay alive. Throws
  // GanscopeError when its layers are not the DCGAN stages this folds.
  explicit FrozenDcgan(const DcganGenerator& generator);
  // z [N, latent_dim] -> images [N, C, R, R] in [-1, 1]; `classes` [N] int64 for a conditional generator
  // (undefined: an unconditional one, or classes cycling 0..K-1 like DcganGenerator::forward).
  at::Tensor forward(const at::Tensor& z, const at::Tensor& classes = {}) const;
  int64_t numClasses() const { return num_classes_; }

 private:
  struct Stage {
    at::Tensor weight;      // [in, out, k, k], BatchNorm's scale folded in
    at::Tensor columns;     // the weight for one image on the CPU (models/single_image_conv.h)
    at::Tensor bias;        // [1, out, 1, 1]; undefined for the last stage
    at::Tensor class_gain;  // [K, out] (conditional only)
    at::Tensor class_bias;  // [K, out]
    int64_t stride = 1, padding = 0;
  };
  std::vector<Stage> stages_;
  int64_t latent_dim_ = 0;
  int64_t num_classes_ = 0;
};

}  // namespace gs

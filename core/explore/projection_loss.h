#pragma once
// The projector's loss between generated images and one target: pixel losses at full, 1/2 and 1/4 resolution
// and, with a discriminator, the squared distance of its penultimate features relative to the target's.
// Internal to core/explore (projector.cpp).
#include <ATen/ATen.h>

#include <memory>

#include "models/networks.h"

namespace gs {

struct ProjectionLossWeights {
  double pixel = 1.0;       // mean squared error
  double l1 = 0.0;          // mean absolute error
  double multiscale = 1.0;  // the two above at 1/2 and 1/4 resolution
  double features = 0.1;    // D features (ignored without D)
};

class ProjectionLoss {
 public:
  // target [1, C, H, W] in [-1, 1]; d may be null.
  ProjectionLoss(const at::Tensor& target, std::shared_ptr<DiscriminatorNet> d, ProjectionLossWeights weights);
  // images [N, C, H, W] -> loss of each image [N].
  at::Tensor perImage(const at::Tensor& generated) const;
  bool usesDiscriminator() const { return d_ != nullptr; }

 private:
  at::Tensor pixelTerms(const at::Tensor& x, const at::Tensor& t) const;

  at::Tensor target_, target_half_, target_quarter_, target_features_;
  double feature_scale_ = 1.0;  // 1 / mean square of the target's features
  std::shared_ptr<DiscriminatorNet> d_;
  ProjectionLossWeights w_;
};

}  // namespace gs

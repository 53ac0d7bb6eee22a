#include "explore/projection_loss.h"

#include <vector>

namespace gs {

ProjectionLoss::ProjectionLoss(const at::Tensor& target, std::shared_ptr<DiscriminatorNet> d,
                               ProjectionLossWeights weights)
    : target_(target), d_(weights.features > 0 ? std::move(d) : nullptr), w_(weights) {
  at::NoGradGuard no_grad;
  const int64_t side = target.size(2);
  if (side >= 8) {
    target_half_ = at::avg_pool2d(target, 2);
    target_quarter_ = at::avg_pool2d(target_half_, 2);
  }
  if (d_) {
    target_features_ = d_->features(target).detach();
    feature_scale_ = 1.0 / (target_features_.pow(2).mean().item<double>() + 1e-8);
  }
}

at::Tensor ProjectionLoss::pixelTerms(const at::Tensor& x, const at::Tensor& t) const {
  const at::Tensor diff = x - t;
  at::Tensor loss = diff.pow(2).mean({1, 2, 3}) * w_.pixel;
  if (w_.l1 > 0) loss = loss + diff.abs().mean({1, 2, 3}) * w_.l1;
  return loss;
}

at::Tensor ProjectionLoss::perImage(const at::Tensor& generated) const {
  // Compared as shown: a style generator's output can pass [-1, 1], and its 8-bit image clips there.
  const at::Tensor images = generated.clamp(-1.0, 1.0);
  at::Tensor loss = pixelTerms(images, target_);
  if (w_.multiscale > 0 && target_half_.defined()) {
    const at::Tensor half = at::avg_pool2d(images, 2);
    loss = loss + (pixelTerms(half, target_half_) + pixelTerms(at::avg_pool2d(half, 2), target_quarter_)) *
                      w_.multiscale;
  }
  if (d_) {
    // One image at a time: a minibatch-std layer would otherwise mix the candidates' features.
    std::vector<at::Tensor> per;
    for (int64_t i = 0; i < images.size(0); ++i)
      per.push_back((d_->features(images.narrow(0, i, 1)) - target_features_).pow(2).mean(1));
    loss = loss + at::cat(per) * (w_.features * feature_scale_);
  }
  return loss;
}

}  // namespace gs

#include "metrics/remedies.h"

#include "config.h"
#include "util/error.h"

namespace gs {

RemedyPlan applyRemedy(const std::string& name, TrainConfig& config) {
  const TrainConfig before = config;
  RemedyPlan plan;
  OptimConfig& o = config.optim;
  if (name == kRemedyMinibatchStd) {
    config.model.minibatch_std = true;
    plan.description = "adds a minibatch standard-deviation feature to D, so it can see a batch's lack of variety";
  } else if (name == kRemedyWganGp) {
    // Gulrajani et al. 2017: critic without BatchNorm, penalty 10, 5 critic steps, Adam 1e-4 (0, 0.9).
    if (o.loss != LossKind::WganGp) {
      o.loss = LossKind::WganGp;
      o.gp_weight = 10.0;
      o.d_steps = 5;
      o.lr_g = o.lr_d = 1e-4;
      o.beta1 = 0.0;
      o.beta2 = 0.9;
    }
    plan.description = "switches to the WGAN-GP loss (critic without BatchNorm, 5 critic steps, Adam 1e-4)";
  } else if (name == kRemedySpectralNorm) {
    config.model.spectral_norm = true;
    plan.description = "adds spectral normalisation to every discriminator layer";
  } else if (name == kRemedyLowerLrD) {
    o.lr_d *= 0.5;
    plan.description = "halves the discriminator's learning rate";
  } else if (name == kRemedyLowerLr) {
    o.lr_d *= 0.5;
    o.lr_g *= 0.5;
    plan.description = "halves both learning rates";
  } else if (name == kRemedyNonSaturating) {
    if (o.loss == LossKind::Minimax) o.loss = LossKind::NonSaturating;
    plan.description = "uses the non-saturating generator loss, which keeps its gradient when D wins";
  } else if (name == kRemedyAda) {
    // Karras et al. 2020: D memorising a small training set is what ADA counters; p adapts from where it is.
    o.augment = AugmentKind::Ada;
    o.augment_p = -1.0;
    plan.description = "turns on adaptive discriminator augmentation (ADA), so D cannot memorise the training images";
  } else if (name == kRemedyRollback) {
    plan.description = "reloads the last good checkpoint";
  } else {
    throw GanscopeError("unknown remedy '" + name + "' (known: mbstd, wgan-gp, spectral-norm, lower-lr-d, "
                        "lower-lr, ns-loss, ada, rollback)");
  }
  plan.changed = toJson(before) != toJson(config);
  plan.continues_checkpoint = architectureMismatch(before, config).empty();
  return plan;
}

}  // namespace gs

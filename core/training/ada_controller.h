#pragma once
// ADA's controller (Karras et al. 2020): the overfitting heuristic r_t = E[sign(D(real))] over the reals of the
// last `interval` steps; after each interval p moves by sign(r_t - target) * images / (ada_kimg * 1000), so it can
// cross 0..1 in ada_kimg thousand images, clamped to [0, 1). r_t is measured whatever the augmentation (a run
// without it logs it too, to compare); p moves only for ADA without a fixed p. Plain state, saved in checkpoints.
#include <ATen/ATen.h>

#include <cstdint>

#include "config.h"

namespace gs {

struct AdaState {
  double p = 0;           // augmentation probability now
  double rt = 0;          // r_t of the last completed interval
  double sign_sum = 0;    // sum of sign(D(real)) in the current interval
  int64_t sign_count = 0; // reals counted in the current interval
};

class AdaController {
 public:
  static constexpr int kInterval = 4;  // steps between adjustments (StyleGAN2-ADA's ada_interval)

  explicit AdaController(const OptimConfig& o);

  // D's raw outputs (logits or critic scores) on one batch of (augmented) reals.
  void observe(const at::Tensor& real_scores);
  // The same from totals: the sum of sign(D(real)) over `count` reals (a data-parallel step's, over every rank).
  void observeSigns(double sign_sum, int64_t count);
  // Called after generator step `step`: every kInterval steps closes the interval, sets r_t and moves p.
  void afterStep(int64_t step);

  // The probability the augmentation uses: the fixed p, the adapted p, 1 for DiffAugment, 0 for none.
  double p() const;
  double rt() const { return state_.rt; }
  bool augmenting() const { return kind_ == AugmentKind::Ada || kind_ == AugmentKind::DiffAug; }

  const AdaState& state() const { return state_; }
  void restore(const AdaState& s) { state_ = s; }

 private:
  AugmentKind kind_;
  double target_, kimg_, fixed_p_;
  AdaState state_;
};

}  // namespace gs

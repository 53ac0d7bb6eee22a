#include "training/ada_controller.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {
// p stays below 1: at 1 every image is augmented and D never sees the true distribution (augmentations leak).
constexpr double kMaxP = 1.0 - 1e-6;
}  // namespace

AdaController::AdaController(const OptimConfig& o)
    : kind_(o.augment), target_(o.ada_target), kimg_(o.ada_kimg), fixed_p_(o.augment_p) {
  if (fixed_p_ >= 0) state_.p = std::min(fixed_p_, kMaxP);
}

void AdaController::observe(const at::Tensor& real_scores) {
  observeSigns(real_scores.detach().sign().sum().item<double>(), real_scores.numel());
}

void AdaController::observeSigns(double sign_sum, int64_t count) {
  state_.sign_sum += sign_sum;
  state_.sign_count += count;
}

void AdaController::afterStep(int64_t step) {
  if (step % kInterval != 0 || state_.sign_count == 0) return;
  state_.rt = state_.sign_sum / double(state_.sign_count);
  if (kind_ == AugmentKind::Ada && fixed_p_ < 0) {
    const double delta = double(state_.sign_count) / (kimg_ * 1000.0);
    const double direction = state_.rt > target_ ? 1.0 : (state_.rt < target_ ? -1.0 : 0.0);
    state_.p = std::clamp(state_.p + direction * delta, 0.0, kMaxP);
  }
  state_.sign_sum = 0;
  state_.sign_count = 0;
}

double AdaController::p() const {
  switch (kind_) {
    case AugmentKind::Ada: return state_.p;
    case AugmentKind::DiffAug: return 1.0;
    default: return 0.0;
  }
}

}  // namespace gs

#pragma once
// What the image-to-image run loop (training/translation_run.h) asks of a trainer: pix2pix's and CycleGAN's.
#include <ATen/ATen.h>

#include <cstdint>
#include <string>

#include "config.h"
#include "training/step_stats.h"

namespace gs {

class TranslationTrainer {
 public:
  virtual ~TranslationTrainer() = default;

  // One D update and one G update.
  virtual StepStats step() = 0;
  virtual int64_t stepCount() const = 0;
  virtual const TrainConfig& config() const = 0;
  // The translation of x [N, C, R, R] in [-1, 1]: A -> B, or with `reverse` B -> A (CycleGAN only; pix2pix has
  // one direction and throws). Eval mode, no gradients, on the CPU.
  virtual at::Tensor translate(const at::Tensor& x, bool reverse = false) = 0;

  // Atomic full checkpoint; load() restores exactly and throws GanscopeError on a damaged, foreign or mismatched
  // file.
  virtual void save(const std::string& path) const = 0;
  virtual void load(const std::string& path) = 0;

  virtual void scaleLearningRates(double factor) = 0;
  // "" when every network's weights are finite, else which are not ("G weights, D weights").
  virtual std::string nonFiniteWeights() const = 0;
};

}  // namespace gs

#pragma once
// pix2pix training (Isola et al. 2017): a U-Net G maps the input A to B; a conditional PatchGAN D scores the pairs
// (A, B) and (A, G(A)); G's loss is the adversarial term plus l1_weight * |G(A) - B| (100 by default). Adam with
// the config's rates (2e-4, betas 0.5/0.999 by default). Seeded and repeatable on the CPU; save()/load() capture
// the networks, optimisers, the global RNG state dropout draws from, and the pair stream's position.
#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "config.h"
#include "models/unet.h"
#include "training/translation_trainer.h"

namespace gs {

struct PairedDataset;

class Pix2PixTrainer : public TranslationTrainer {
 public:
  // config.model.input_channels, channels and resolution come from the data. Throws GanscopeError when the config
  // is not a pix2pix one or does not fit the data.
  Pix2PixTrainer(TrainConfig config, const PairedDataset& train);
  ~Pix2PixTrainer() override;
  Pix2PixTrainer(const Pix2PixTrainer&) = delete;
  Pix2PixTrainer& operator=(const Pix2PixTrainer&) = delete;

  // One D update on a batch of pairs, then one G update on the same batch.
  StepStats step() override;

  int64_t stepCount() const override;
  const TrainConfig& config() const override;
  // G(A) for A [N, input_channels, R, R] in [-1, 1]: eval mode (BatchNorm's running statistics, no dropout), no
  // gradients, on the CPU. `reverse` throws: a pix2pix model has one direction.
  at::Tensor translate(const at::Tensor& a, bool reverse = false) override;

  // Atomic full checkpoint; load() restores exactly and throws GanscopeError on a damaged, foreign or mismatched
  // file (other networks, other pairs).
  void save(const std::string& path) const override;
  void load(const std::string& path) override;

  void scaleLearningRates(double factor) override;
  std::string nonFiniteWeights() const override;  // "" when G's and D's weights are finite
  UNetGenerator generator();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace gs

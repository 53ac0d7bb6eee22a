#pragma once
// One GAN training process: models, optimisers, EMA generator, batches and RNG, stepped one generator step at
// a time. Seeded and repeatable on the CPU; save()/load() capture everything needed to resume exactly.
#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "config.h"
#include "models/networks.h"
#include "training/step_stats.h"

namespace gs {

class ImageDataset;

class Trainer {
 public:
  // config.model.channels and resolution are filled in from the dataset when 0 / mismatched.
  Trainer(TrainConfig config, std::shared_ptr<const ImageDataset> data);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // d_steps discriminator updates, then one generator update and the EMA update.
  StepStats step();

  int64_t stepCount() const;
  const TrainConfig& config() const;
  c10::Device device() const;

  // The fixed latents of the sample grid, drawn from the seed alone: grid_size^2 x latent_dim; for a
  // class-conditional model one row per class, num_classes * grid_size latents.
  at::Tensor fixedLatents() const;
  // The classes of the fixed grid's cells (row k: class k), int64; undefined for an unconditional model.
  at::Tensor fixedClasses() const;
  // Images in [-1, 1], on the CPU, from the EMA generator (or the raw one); no gradients. A conditional model
  // without classes cycles them (models/networks.h).
  at::Tensor sample(const at::Tensor& z, bool use_ema = true);
  at::Tensor sample(const at::Tensor& z, const at::Tensor& classes, bool use_ema = true);

  // Atomic checkpoint (temp file, flush, rename). load() restores exactly and throws GanscopeError on a
  // damaged, foreign or mismatched file (different architecture or dataset fingerprint).
  void save(const std::string& path) const;
  void load(const std::string& path);

  // Multiplies both learning rates (the config's and the optimisers') by `factor`: a rollback after NaN.
  void scaleLearningRates(double factor);
  // "" when every weight of G, D and the EMA generator is finite; else which are not ("G weights, D weights").
  std::string nonFiniteWeights() const;

  std::shared_ptr<GeneratorNet> generator();
  std::shared_ptr<GeneratorNet> emaGenerator();
  std::shared_ptr<DiscriminatorNet> discriminator();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace gs

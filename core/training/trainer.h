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

class DistGroup;
class ImageDataset;

class Trainer {
 public:
  // config.model.channels and resolution are filled in from the dataset when 0 / mismatched.
  //
  // With a DistGroup of W ranks this is one rank of a data-parallel run: config.batch is the global batch, of
  // which this rank trains on its strided shard (distributed/batch_shard.h); latents, classes, noise and
  // augmentation are drawn for the global batch and sharded; gradients of D and of G are averaged over the ranks
  // after each backward; losses, D outputs and ADA's r_t are averaged too, so every rank steps identical weights
  // and reports the same StepStats. BatchNorm (and the minibatch-stddev feature when its groups span ranks)
  // uses per-rank statistics; averageStatistics() makes the running statistics agree before a checkpoint.
  Trainer(TrainConfig config, std::shared_ptr<const ImageDataset> data, std::shared_ptr<DistGroup> dist = nullptr);
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

  // Data-parallel runs: every rank calls this at the same step; floating-point buffers of G, D and the EMA
  // generator (BatchNorm running statistics, w_avg) become their mean over the ranks. No-op in one process.
  void averageStatistics();

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

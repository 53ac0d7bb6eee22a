#pragma once
// Private to the Trainer's source files (trainer.cpp steps, trainer_io.cpp saves and loads): everything a
// training process owns. Not part of the public API.
#include <ATen/ATen.h>
#include <torch/optim/adam.h>

#include <memory>

#include "data/batch_loader.h"
#include "distributed/batch_shard.h"
#include "data/image_dataset.h"
#include "training/ada_controller.h"
#include "training/trainer.h"

namespace gs {

// Plain struct so helper functions can take it; Trainer::State (private) is this.
struct TrainerState {
  TrainConfig config;
  std::shared_ptr<const ImageDataset> data;
  c10::Device device{c10::kCPU};

  std::shared_ptr<GeneratorNet> g;
  std::shared_ptr<GeneratorNet> g_ema;
  std::shared_ptr<DiscriminatorNet> d;
  std::unique_ptr<torch::optim::Adam> opt_g;
  std::unique_ptr<torch::optim::Adam> opt_d;
  std::unique_ptr<BatchLoader> loader;
  // Data-parallel runs: the group and this rank's rows of each global batch (whole in one process).
  std::shared_ptr<DistGroup> dist;
  BatchShard shard;

  // Latents come from the trainer's own generator. The global default generators (used by weight init,
  // gradient-penalty interpolation and any noise inside the networks) are swapped in for each step and their
  // states kept here, so other users of the global RNG between steps can't change the run, and resume is exact.
  at::Generator latent_rng;
  at::Tensor cpu_rng_state;
  at::Tensor cuda_rng_state;  // undefined unless training on CUDA

  int64_t step = 0;
  int64_t images_seen = 0;
  int64_t d_steps_done = 0;  // for the lazy R1 schedule
  double last_penalty = 0;
  int64_t ema_norm_step = -1;
  // Augmentation of what D sees (training/augment.h): its own generator, and ADA's p and r_t.
  at::Generator augment_rng;
  AdaController ada{OptimConfig{}};  // step at which the EMA generator's BatchNorm statistics were last recomputed
};

struct Trainer::State : TrainerState {};

// With EmaNorm::Recompute: recomputes the EMA generator's BatchNorm statistics for its current weights (8
// batches of latents drawn from (seed, step) alone, so resume stays exact), unless already done at this step.
void refreshEmaNorm(TrainerState& s);

// Sets the optimisers' learning rates and betas from the config (after a load, the config wins).
void applyOptimConfig(TrainerState& s);

}  // namespace gs

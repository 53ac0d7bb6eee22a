#pragma once
// Settings of one 2D lab run. The defaults were tuned with bench/bench_lab2d over 10 seeds (about 65 s of one
// core per run): R1 on D, a 16-dimensional z, lr 1e-3 decaying linearly to 0 over the second half of 16000
// steps. Ring: 8/8 modes on every seed, 95.4-97.6% high quality; grid: 25/25 on every seed, 94.5-96.3%. Half the
// steps (8000) reach every mode too, but only 85-90% high quality on the grid: precision is what the long,
// slowly decaying second half buys.
#include <cstdint>
#include <string>

#include "config.h"
#include "lab2d/mlp_nets.h"
#include "metrics/training_health.h"

namespace gs {

struct Lab2dConfig {
  LossKind loss = LossKind::NonSaturating;  // ns, minimax (saturating), wgan-gp or hinge
  int latent_dim = 16;                      // z dimensions (1-64; 4 leaves grid modes out)
  MlpOptions g{/*in=*/0, /*out=*/2, /*width=*/128, /*depth=*/3, Activation::Relu};       // in/out set by the lab
  MlpOptions d{/*in=*/0, /*out=*/1, /*width=*/128, /*depth=*/3, Activation::LeakyRelu};  // in/out set by the lab
  int pack = 1;                             // PacGAN packing: D sees this many points at once
  double lr_g = 1e-3;                       // generator learning rate (Adam)
  double lr_d = 1e-3;                       // discriminator learning rate (Adam)
  double beta1 = 0.5;                       // Adam beta1
  double beta2 = 0.999;                     // Adam beta2
  int batch = 256;                          // points per batch (a multiple of pack)
  int d_steps = 1;                          // D steps per G step
  double gp_weight = 0.1;                   // WGAN-GP penalty weight (data are normalised to unit spread)
  double r1_gamma = 0.1;                    // R1 penalty on D at real points, gamma / 2 * |grad|^2 (0: off)
  int64_t steps = 16000;                    // G steps in a run
  double decay_from = 0.5;                  // share of the run after which both lrs fall linearly to 0 (1: never)
  double ema_half_life = 0;                 // half-life in steps of the averaged G that is measured (0: off)
  uint64_t seed = 1;                        // fixes weights, latents, data and evaluation
  int eval_samples = 2500;                  // samples per measurement (2500 as in PacGAN and VEEGAN)
  int diversity_samples = 1000;             // of those, the ones used for the pairwise-distance ratio
  int64_t measure_every = 50;               // steps between measurements (each feeds the health monitor)
  int64_t health_warmup = 500;              // no alarms before this step: G starts as a point near the origin
};

// Throws GanscopeError naming the field when a setting is out of range.
void validate(const Lab2dConfig& config);

}  // namespace gs

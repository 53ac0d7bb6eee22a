#pragma once
// What one training step reports. Plain data: safe to copy across threads and to write as a metrics line.
#include <cstdint>

namespace gs {

struct StepStats {
  int64_t step = 0;          // generator steps done, counting this one
  int64_t images_seen = 0;   // real images shown to D so far
  double g_loss = 0;         // generator loss of this step
  double d_loss = 0;         // discriminator loss (mean over its d_steps), penalties excluded
  double penalty = 0;        // gradient penalty or R1 term of this step (0 when off)
  double d_real = 0;         // mean D(x): sigmoid(logit) for logistic losses, raw critic score otherwise
  double d_fake = 0;         // mean D(G(z)), same scale as d_real
  double g_grad_norm = 0;    // L2 norm of G's parameter gradients
  double d_grad_norm = 0;    // L2 norm of D's parameter gradients (last D step)
  double seconds = 0;        // wall time of this step
  double images_per_second = 0;  // batch / seconds
  bool augmenting = false;   // D sees augmented images (ADA or DiffAugment)
  double augment_p = 0;      // augmentation probability (ADA's adapted or fixed p; 1 for DiffAugment)
  double sync_seconds = 0;   // of `seconds`, time in the gradient all-reduces (0 in one process; not logged)
  double ada_rt = 0;         // ADA's overfitting heuristic E[sign(D(real))], last interval (measured in every run)
  bool has_l1 = false;       // image-to-image models report the L1 term
  double l1 = 0;             // mean |G(A) - B| of this step, unweighted (pixels in [-1, 1])
  bool has_cycle = false;    // CycleGAN reports its cycle and identity terms (unweighted means, both directions)
  double cycle = 0;          // (|F(G(A)) - A| + |G(F(B)) - B|) / 2
  double identity = 0;       // (|G(B) - B| + |F(A) - A|) / 2
};

}  // namespace gs

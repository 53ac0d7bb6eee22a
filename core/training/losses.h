#pragma once
// GAN losses on discriminator logits (or critic scores) and the gradient penalties.
#include <ATen/ATen.h>

#include "config.h"
#include "distributed/batch_shard.h"

namespace gs {

class DiscriminatorNet;

// Discriminator loss from logits on real and fake images (fake detached by the caller), mean over the batch.
//   Minimax / NonSaturating: softplus(-real) + softplus(fake)   (binary cross-entropy)
//   WganGp:                  mean(fake) - mean(real)
//   Hinge:                   relu(1 - real) + relu(1 + fake)
//   LeastSquares:            (real - 1)^2 + fake^2   (LSGAN; D's output is a score, shown raw)
at::Tensor discriminatorLoss(LossKind kind, const at::Tensor& real_logits, const at::Tensor& fake_logits);

// Generator loss from D's logits on fakes.
//   Minimax:       -softplus(fake)  == mean log(1 - D(G(z)))  (saturating: vanishing gradient when D wins)
//   NonSaturating: softplus(-fake)  == -mean log D(G(z))
//   WganGp, Hinge: -mean(fake)
//   LeastSquares:  (fake - 1)^2
at::Tensor generatorLoss(LossKind kind, const at::Tensor& fake_logits);

// WGAN-GP: mean over the batch of (||grad_x D(x_hat)||_2 - 1)^2 on random interpolates x_hat (weight applied by
// the caller). Differentiable w.r.t. D's parameters (create_graph). Inputs of any rank >= 2 ([N, ...]); the
// interpolation weights come from `gen` when given, else from the global generator. A conditional D scores the
// interpolates with `classes` (the real images' classes; the fakes were drawn with the same ones). A data-parallel
// rank passes its shard: the weights are drawn for the global batch and sharded (distributed/batch_shard.h).
at::Tensor gradientPenalty(DiscriminatorNet& d, const at::Tensor& real, const at::Tensor& fake,
                           c10::optional<at::Generator> gen = c10::nullopt, const at::Tensor& classes = {},
                           const BatchShard& shard = {});

// R1: mean over the batch of ||grad_x D(x_real)||^2 (the caller multiplies by gamma / 2 and the lazy interval);
// a conditional D with the real images' `classes`.
at::Tensor r1Penalty(DiscriminatorNet& d, const at::Tensor& real, const at::Tensor& classes = {});

// What the UI and stats show as D(x) / D(G(z)): sigmoid of the logits for logistic losses, raw score otherwise.
double meanDiscriminatorOutput(LossKind kind, const at::Tensor& logits);

}  // namespace gs

#pragma once
// Exponential moving average of a generator's weights (Karras et al.): sampling from the average is smoother
// and usually better than the raw generator. Half-life measured in images, so it does not depend on the batch.
#include <torch/nn/module.h>

#include <cstdint>
#include <functional>

#include "config.h"

namespace gs {

// beta = 0.5^(batch / (ema_kimg * 1000)); ema_kimg <= 0 gives 0 (the average is a plain copy).
double emaBeta(int batch, double ema_kimg);
// StyleGAN2's ramp-up: the half-life is at most rampup * images_seen, so a short run's average does not hold on
// to its random start. rampup <= 0 gives emaBeta(batch, ema_kimg).
double emaBeta(int batch, double ema_kimg, double rampup, int64_t images_seen);

// ema = src + beta * (ema - src) for every parameter. Buffers (BatchNorm statistics): Copy takes src's,
// Average blends floating-point buffers like the weights, Recompute leaves them for recomputeNormStats (with
// beta 0 the average is a copy, and so are its buffers). Both modules must have the same structure.
void updateEma(torch::nn::Module& ema, const torch::nn::Module& src, double beta, EmaNorm norm = EmaNorm::Copy);

// Exact copy of parameters and buffers (beta = 0).
void copyWeights(torch::nn::Module& dst, const torch::nn::Module& src);

// True when the module holds BatchNorm layers (whose statistics recomputeNormStats would set).
bool hasBatchNorm(torch::nn::Module& m);
// Sets every BatchNorm layer's running statistics to the plain average over `batches` forward passes of
// run_batch() in training mode, without gradients; the module is left in eval mode.
void recomputeNormStats(torch::nn::Module& m, int batches, const std::function<void()>& run_batch);

}  // namespace gs

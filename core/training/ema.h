#pragma once
// Exponential moving average of a generator's weights (Karras et al.): sampling from the average is smoother
// and usually better than the raw generator. Half-life measured in images, so it does not depend on the batch.
#include <torch/nn/module.h>

namespace gs {

// beta = 0.5^(batch / (ema_kimg * 1000)); ema_kimg <= 0 gives 0 (the average is a plain copy).
double emaBeta(int batch, double ema_kimg);

// ema = src + beta * (ema - src) for every parameter; buffers (BatchNorm statistics) are copied. Both modules
// must have the same structure (built from the same ModelConfig).
void updateEma(torch::nn::Module& ema, const torch::nn::Module& src, double beta);

// Exact copy of parameters and buffers (beta = 0).
void copyWeights(torch::nn::Module& dst, const torch::nn::Module& src);

}  // namespace gs

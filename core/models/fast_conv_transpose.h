#pragma once
// Transposed convolution computed as the input gradient of an ordinary convolution.
// Debian's CPU LibTorch runs conv_transpose2d through BLAS (slow), but the input and weight gradients of conv2d
// through oneDNN; the two are the same linear map, so the generator routes its upsampling through oneDNN on
// the CPU and keeps at::conv_transpose2d everywhere else (CUDA has fast kernels for it).
#include <ATen/ATen.h>

namespace gs {

// Same result and gradients as at::conv_transpose2d(x, weight, {}, stride, padding) with weight [in, out, k, k],
// no bias, no output padding, no groups. Differentiable once (w.r.t. x and weight).
at::Tensor convTranspose2dViaConvBackward(const at::Tensor& x, const at::Tensor& weight, int64_t stride,
                                         int64_t padding);

// Inference only (no autograd): the same with the output in `format` whatever the input's layout (a [N, C, 1, 1]
// input is both layouts, and the suggested one is channels-last). On CUDA tensors: at::conv_transpose2d.
at::Tensor convTranspose2dInference(const at::Tensor& x, const at::Tensor& weight, int64_t stride, int64_t padding,
                                    at::MemoryFormat format);

// Process-wide switch, on by default; off forces at::conv_transpose2d (benchmarks and tests compare both).
void setFastConvTransposeEnabled(bool enabled);
bool fastConvTransposeEnabled();

// The path a generator layer takes: the oneDNN route on CPU tensors when enabled, else at::conv_transpose2d.
at::Tensor convTranspose2d(const at::Tensor& x, const at::Tensor& weight, int64_t stride, int64_t padding);

}  // namespace gs

#pragma once
// A transposed convolution of one image on the CPU as a matrix product and a col2im, both shared among
// LibTorch's intra-op threads. At batch 1 oneDNN's routes (conv_transpose2d, or the input gradient of conv2d
// that models/fast_conv_transpose.h takes for batches) leave most of two cores idle: this is 1.5-3x faster per
// layer (bench_generator_latency, README "Against a tuned PyTorch loop"). Inference only; exact to fp32
// rounding against at::conv_transpose2d.
#include <ATen/ATen.h>

namespace gs {

// The weight [in, out, k, k] rearranged once for singleImageUpConv: [in, out*k*k] for a 1x1 input (the first
// stage of a generator, a plain matrix product), else [out*k*k, in] contiguous.
at::Tensor upConvColumns(const at::Tensor& weight, bool one_by_one_input);

// conv^T(x) for x [1, in, H, W] (NCHW, CPU) with `columns` from upConvColumns and the weight's kernel size k.
at::Tensor singleImageUpConv(const at::Tensor& x, const at::Tensor& columns, int64_t k, int64_t stride,
                             int64_t padding);

// a @ b for 2-d a and b: a's rows (or, for a single row, b's columns) split among the intra-op threads, each
// block one single-threaded BLAS call (GANscope runs OpenBLAS with one thread: util/process_env.h).
at::Tensor threadedMatmul(const at::Tensor& a, const at::Tensor& b);

}  // namespace gs

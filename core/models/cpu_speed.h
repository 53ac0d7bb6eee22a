#pragma once
// CPU speed settings of the networks, measured on Debian's LibTorch (see shared/PLATFORM.md).
// - Layout: oneDNN picks very slow kernels for some NCHW shapes (3-channel convolutions at 2-3 GFLOP/s, the
//   input gradient of 64-channel layers) and fast ones for the same shapes in channels-last, so on the CPU the
//   networks keep activations channels-last.
// - Allocator: glibc serves each large tensor with a fresh mmap and gives it back on free, so every training
//   step page-faults its activations in again (an elementwise op on 16 MB took 26 ms instead of 1 ms here).
#include <ATen/ATen.h>

namespace gs {

// Process-wide switch, on by default (benchmarks compare both).
void setCpuChannelsLast(bool enabled);
bool cpuChannelsLast();

// x in the preferred layout for a convolution: channels-last for 4-d CPU tensors when enabled, else unchanged.
at::Tensor toConvLayout(const at::Tensor& x);

// Once per process: keep tensors up to 32 MB in malloc's heap (no mmap per tensor) and keep up to 1 GB of freed
// memory instead of returning it to the system after every step. The model factories call it; the environment
// variable GANSCOPE_NO_MALLOC_TUNE turns it off (benchmark comparisons).
void tuneCpuAllocator();

}  // namespace gs

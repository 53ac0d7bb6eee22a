#pragma once
// Convolutions with an image's few channels on one side: the discriminator's first layer reads 1-4 channels and
// the generator's last layer writes them. oneDNN runs such a convolution's forward pass fast but its input
// gradient very slowly (1 -> 64 channels, 4x4 stride 2, batch 64 at 64 px: 17.6 ms against 1.75 ms forward,
// bench_conv_floor). That input gradient is both D's first-layer backward (in G's step) and, through
// fast_conv_transpose.h, G's last layer itself, so on the CPU it is computed another way: a 1x1 convolution turns
// each pixel's gradient into its C*k*k taps (channels), and col2im adds the overlapping windows up.
#include <ATen/ATen.h>

namespace gs {

// The channel count up to which the rearranged input gradient is used.
constexpr int64_t kFewChannels = 4;

// True when `image_channels` (a conv's input / a transposed conv's output channels) is few enough, x is a 4-d CPU
// tensor and the path is enabled.
bool fewChannelPath(int64_t image_channels, const at::Tensor& x);

// The input gradient of at::conv2d(input [N, C, h, w], weight [out, C, k, k], stride, padding) for the output
// gradient g [N, out, ...], which is also at::conv_transpose2d(g, weight) when h, w are its output size. Not
// differentiable itself. bf16 in, bf16 out (the window sums run in fp32).
at::Tensor fewChannelInputGradient(const at::Tensor& g, const at::Tensor& weight, int64_t stride, int64_t padding,
                                   int64_t h, int64_t w);

// at::conv2d(x, weight [out, C, k, k], bias, stride, padding), differentiable once; its input gradient is the one
// above. Under bf16 CPU autocast it runs in bf16 as at::conv2d would.
at::Tensor fewChannelConv2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t stride,
                            int64_t padding);

// Process-wide switch, on by default; off sends these layers to the ordinary kernels (benchmarks and tests compare).
void setFewChannelConvEnabled(bool enabled);

}  // namespace gs

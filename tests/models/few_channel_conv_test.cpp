// The few-channel layers (D's first convolution, G's last transposed one) rearranged around a 1x1 convolution give
// at::conv2d's / at::conv_transpose2d's outputs and gradients, for 1 and 3 channels and the DCGAN and other shapes,
// and the network layers take that path on the CPU (and the ordinary one when it is switched off).
#include <gtest/gtest.h>

#include <torch/csrc/autograd/autograd.h>

#include "models/fast_conv_transpose.h"
#include "models/few_channel_conv.h"
#include "models/layers.h"

namespace gs {
namespace {

struct Shape {
  int64_t channels, other, size, k, stride, padding;
};

const Shape kShapes[] = {{1, 64, 32, 4, 2, 1}, {3, 16, 16, 4, 2, 1}, {1, 8, 9, 3, 1, 1}, {4, 5, 10, 4, 2, 0},
                         {2, 7, 8, 5, 3, 2}};

double relativeError(const at::Tensor& got, const at::Tensor& want) {
  return (got - want).abs().max().item<double>() / (1e-6 + want.abs().max().item<double>());
}

TEST(FewChannelConv, ConvMatchesConv2dWithGradients) {
  at::manual_seed(3);
  for (const Shape& s : kShapes) {
    const at::Tensor x = at::randn({3, s.channels, s.size, s.size}).requires_grad_();
    const at::Tensor w = at::randn({s.other, s.channels, s.k, s.k}).requires_grad_();
    const at::Tensor b = at::randn({s.other}).requires_grad_();
    const at::Tensor want = at::conv2d(x, w, b, {s.stride, s.stride}, {s.padding, s.padding});
    const at::Tensor got = fewChannelConv2d(x, w, b, s.stride, s.padding);
    // Without a bias too (the discriminator's layers before BatchNorm have none).
    const at::Tensor no_bias = fewChannelConv2d(x, w, {}, s.stride, s.padding);
    EXPECT_LT(relativeError(no_bias, at::conv2d(x, w, {}, {s.stride, s.stride}, {s.padding, s.padding})), 1e-5);
    const at::Tensor x_grad_no_bias = torch::autograd::grad({no_bias.sum()}, {x})[0];
    EXPECT_GT(x_grad_no_bias.abs().sum().item<double>(), 0);
    ASSERT_EQ(got.sizes(), want.sizes()) << "channels " << s.channels << " k " << s.k;
    EXPECT_LT(relativeError(got, want), 1e-5) << "channels " << s.channels << " k " << s.k;
    const at::Tensor g = at::randn_like(want);
    const auto want_grads = torch::autograd::grad({want}, {x, w, b}, {g});
    const auto got_grads = torch::autograd::grad({got}, {x, w, b}, {g});
    for (size_t i = 0; i < 3; ++i)
      EXPECT_LT(relativeError(got_grads[i], want_grads[i]), 1e-5) << "gradient " << i << " channels " << s.channels;
  }
}

TEST(FewChannelConv, InputGradientMatchesConvolutionBackwardAndTransposedConv) {
  at::manual_seed(4);
  for (const Shape& s : kShapes) {
    const at::Tensor w = at::randn({s.other, s.channels, s.k, s.k});
    const at::Tensor x = at::randn({3, s.channels, s.size, s.size});
    const at::Tensor g = at::randn_like(at::conv2d(x, w, {}, {s.stride, s.stride}, {s.padding, s.padding}));
    const at::Tensor want = std::get<0>(at::convolution_backward(g, x, w, c10::nullopt, {s.stride, s.stride},
                                                                 {s.padding, s.padding}, {1, 1}, false, {0, 0}, 1,
                                                                 {true, false, false}));
    const at::Tensor got = fewChannelInputGradient(g, w, s.stride, s.padding, s.size, s.size);
    ASSERT_EQ(got.sizes(), want.sizes()) << "channels " << s.channels << " k " << s.k;
    EXPECT_LT(relativeError(got, want), 1e-5) << "channels " << s.channels << " k " << s.k;
    // A transposed convolution is that input gradient: G's last layer (UpConv2d) goes this way, and learns.
    const int64_t out = (s.size - 1) * s.stride - 2 * s.padding + s.k;
    const at::Tensor z = at::randn({2, s.other, s.size, s.size}).requires_grad_();
    const at::Tensor wt = at::randn({s.other, s.channels, s.k, s.k}).requires_grad_();
    const at::Tensor plain = at::conv_transpose2d(z, wt, {}, {s.stride, s.stride}, {s.padding, s.padding});
    const at::Tensor fast = convTranspose2d(z, wt, s.stride, s.padding);
    ASSERT_EQ(fast.sizes(), (at::IntArrayRef{2, s.channels, out, out}));
    EXPECT_LT(relativeError(fast, plain), 1e-5) << "channels " << s.channels << " k " << s.k;
    const at::Tensor gy = at::randn_like(plain);
    const auto want_grads = torch::autograd::grad({plain}, {z, wt}, {gy});
    const auto got_grads = torch::autograd::grad({fast}, {z, wt}, {gy});
    for (size_t i = 0; i < 2; ++i)
      EXPECT_LT(relativeError(got_grads[i], want_grads[i]), 1e-5) << "gradient " << i << " channels " << s.channels;
  }
}

TEST(FewChannelConv, NetworkLayersTakeThePathOnlyForFewChannels) {
  at::manual_seed(5);
  DownConv2dImpl::Options first;
  first.in_channels = 1;
  first.out_channels = 8;
  first.bias = true;
  DownConv2d down(first);
  UpConv2d up(8, 3, 4, 2, 1);  // through convTranspose2d's few-channel forward
  const at::Tensor image = at::randn({2, 1, 16, 16});
  const at::Tensor features = at::randn({2, 8, 8, 8});
  EXPECT_TRUE(fewChannelPath(1, image));
  EXPECT_TRUE(fewChannelPath(kFewChannels, image));
  EXPECT_FALSE(fewChannelPath(kFewChannels + 1, image));
  const at::Tensor fast_down = down->forward(image), fast_up = up->forward(features);
  setFewChannelConvEnabled(false);
  EXPECT_FALSE(fewChannelPath(1, image));
  const at::Tensor plain_down = down->forward(image), plain_up = up->forward(features);
  setFewChannelConvEnabled(true);
  EXPECT_LT(relativeError(fast_down, plain_down), 1e-5);
  EXPECT_LT(relativeError(fast_up, plain_up), 1e-5);
  EXPECT_EQ(fast_up.sizes(), (at::IntArrayRef{2, 3, 16, 16}));
  // The rearranged layers are still layers: their weights learn (gradients reach them through im2col / col2im).
  (fast_down.square().sum() + fast_up.square().sum()).backward();
  EXPECT_GT(down->weight.grad().abs().sum().item<double>(), 0);
  EXPECT_GT(down->bias.grad().abs().sum().item<double>(), 0);
  EXPECT_GT(up->weight.grad().abs().sum().item<double>(), 0);
}

}  // namespace
}  // namespace gs

// The fast transposed convolution against at::conv_transpose2d, spectral normalisation, minibatch std.
#include <gtest/gtest.h>
#include <torch/csrc/autograd/autograd.h>

#include "models/cpu_speed.h"
#include "models/fast_conv_transpose.h"
#include "models/layers.h"

namespace gs {
namespace {

struct ConvCase {
  int64_t n, in, out, size, kernel, stride, padding;
  bool channels_last;
};

class FastConvTranspose : public ::testing::TestWithParam<ConvCase> {};

TEST_P(FastConvTranspose, MatchesConvTranspose2dAndItsGradients) {
  const ConvCase c = GetParam();
  const auto format = c.channels_last ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
  const at::Tensor x0 = at::randn({c.n, c.in, c.size, c.size}).contiguous(format);
  const at::Tensor w0 = at::randn({c.in, c.out, c.kernel, c.kernel}) * 0.1;
  const at::Tensor x1 = x0.clone().requires_grad_(true), w1 = w0.clone().requires_grad_(true);
  const at::Tensor x2 = x0.clone().requires_grad_(true), w2 = w0.clone().requires_grad_(true);

  const at::Tensor reference = at::conv_transpose2d(x1, w1, {}, {c.stride, c.stride}, {c.padding, c.padding});
  const at::Tensor fast = convTranspose2dViaConvBackward(x2, w2, c.stride, c.padding);
  ASSERT_EQ(fast.sizes(), reference.sizes());
  EXPECT_LT((fast - reference).abs().max().item<double>(), 1e-4);

  const at::Tensor upstream = at::randn(reference.sizes());
  (reference * upstream).sum().backward();
  (fast * upstream).sum().backward();
  EXPECT_LT((x2.grad() - x1.grad()).abs().max().item<double>(), 1e-4);
  EXPECT_LT((w2.grad() - w1.grad()).abs().max().item<double>() / w1.grad().abs().max().item<double>(), 1e-4);
}

INSTANTIATE_TEST_SUITE_P(GeneratorLayers, FastConvTranspose,
                         ::testing::Values(ConvCase{3, 16, 32, 1, 4, 1, 0, false},   // z -> 4x4
                                           ConvCase{3, 32, 16, 4, 4, 2, 1, false},   // 4x4 -> 8x8
                                           ConvCase{2, 16, 3, 8, 4, 2, 1, true},     // to RGB, channels-last
                                           ConvCase{2, 8, 1, 16, 4, 2, 1, true},     // to gray
                                           ConvCase{2, 5, 7, 6, 3, 1, 1, false}));   // odd shapes

TEST(FastConvTranspose, SwitchSelectsThePathWithTheSameResult) {
  const at::Tensor x = at::randn({2, 8, 4, 4}), w = at::randn({8, 4, 4, 4});
  setFastConvTransposeEnabled(false);
  const at::Tensor slow = convTranspose2d(x, w, 2, 1);
  setFastConvTransposeEnabled(true);
  const at::Tensor fast = convTranspose2d(x, w, 2, 1);
  EXPECT_TRUE(fastConvTransposeEnabled());
  EXPECT_LT((slow - fast).abs().max().item<double>(), 1e-4);
}

TEST(SpectralNorm, PowerIterationNormalisesTheLargestSingularValue) {
  DownConv2dImpl::Options o;
  o.in_channels = 6;
  o.out_channels = 10;
  o.spectral_norm = true;
  at::manual_seed(7);  // the same random matrix in every run, whatever ran before in this process
  DownConv2d conv(o);
  {
    at::NoGradGuard no_grad;
    conv->weight.normal_(0.0, 3.0);  // far from norm 1 to begin with
  }
  const at::Tensor x = at::randn({2, 6, 8, 8});
  // One power iteration per training forward; its error shrinks as (s2/s1)^k, and a random 10x54 matrix can have
  // s2 close to s1, so give it enough of them (60 left 0.4% on some draws).
  for (int i = 0; i < 300; ++i) conv->forward(x);
  const at::Tensor w = conv->effectiveWeight().detach().reshape({10, -1});
  EXPECT_NEAR(at::linalg_svdvals(w).max().item<double>(), 1.0, 1e-3);
  // In eval mode the estimate is frozen: the buffers do not move.
  conv->eval();
  const at::Tensor u_before = conv->u.clone();
  conv->forward(x);
  EXPECT_TRUE(at::equal(u_before, conv->u));
}

TEST(SpectralNorm, GradientsFlowAfterLaterForwards) {
  DownConv2dImpl::Options o;
  o.in_channels = 3;
  o.out_channels = 4;
  o.spectral_norm = true;
  DownConv2d conv(o);
  const at::Tensor a = conv->forward(at::randn({2, 3, 8, 8})).sum();
  const at::Tensor b = conv->forward(at::randn({2, 3, 8, 8})).sum();  // updates u, v in place
  (a + b).backward();  // must not complain that saved tensors were modified
  EXPECT_TRUE(conv->weight.grad().defined());
}

TEST(MinibatchStd, AddsOneMapThatIsZeroForIdenticalSamples) {
  const at::Tensor one = at::randn({1, 5, 4, 4});
  const at::Tensor same = one.expand({8, 5, 4, 4}).contiguous();
  const at::Tensor out = minibatchStdDev(same);
  ASSERT_EQ(out.sizes(), (at::IntArrayRef{8, 6, 4, 4}));
  EXPECT_TRUE(at::equal(out.slice(1, 0, 5), same));
  EXPECT_LT(out.select(1, 5).abs().max().item<double>(), 1e-3);

  const at::Tensor varied = minibatchStdDev(at::randn({8, 5, 4, 4}));
  EXPECT_GT(varied.select(1, 5).min().item<double>(), 0.3);  // std of N(0, 1) samples
}

TEST(MinibatchStd, HandlesBatchesNotDivisibleByFour) {
  for (int64_t n : {1, 2, 3, 5, 6, 7}) {
    const at::Tensor out = minibatchStdDev(at::randn({n, 2, 4, 4}));
    EXPECT_EQ(out.sizes(), (at::IntArrayRef{n, 3, 4, 4})) << n;
    EXPECT_TRUE(out.isfinite().all().item<bool>()) << n;
    if (n > 1) {
      EXPECT_GT(out.select(1, 2).min().item<double>(), 0.1) << n;
    }
  }
}

TEST(CpuLayout, ConvLayoutIsChannelsLastOnTheCpu) {
  const at::Tensor x = at::randn({2, 3, 8, 8});
  EXPECT_TRUE(toConvLayout(x).is_contiguous(at::MemoryFormat::ChannelsLast));
  setCpuChannelsLast(false);
  EXPECT_TRUE(toConvLayout(x).is_contiguous());
  setCpuChannelsLast(true);
}

}  // namespace
}  // namespace gs

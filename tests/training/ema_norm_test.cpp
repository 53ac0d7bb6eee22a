// The EMA generator's BatchNorm statistics: recomputed as a plain average over batches (momentum restored),
// averaged like the weights, or copied; and StyleGAN2's ramp-up of the EMA half-life.
#include <gtest/gtest.h>

#include <torch/nn/modules/batchnorm.h>

#include <cmath>

#include "training/ema.h"

namespace gs {
namespace {

TEST(EmaNorm, RecomputeAveragesEveryBatchEquallyAndRestoresMomentum) {
  torch::nn::BatchNorm2d bn(2);
  bn->options.momentum(0.1);
  std::vector<at::Tensor> batches;
  for (int i = 0; i < 4; ++i) batches.push_back(at::full({8, 2, 3, 3}, static_cast<double>(i)));  // means 0..3
  int next = 0;
  recomputeNormStats(*bn, 4, [&] { bn->forward(batches[next++]); });
  EXPECT_EQ(next, 4);
  EXPECT_NEAR(bn->running_mean[0].item<double>(), 1.5, 1e-6);  // (0 + 1 + 2 + 3) / 4, not momentum-weighted
  EXPECT_NEAR(bn->running_var[1].item<double>(), 0.0, 1e-6);   // each batch is constant
  EXPECT_FALSE(bn->is_training());
  ASSERT_TRUE(bn->options.momentum().has_value());
  EXPECT_DOUBLE_EQ(*bn->options.momentum(), 0.1);
  EXPECT_TRUE(hasBatchNorm(*bn));
}

TEST(EmaNorm, UpdateHandlesBuffersByMode) {
  torch::nn::BatchNorm2d ema(1), src(1);
  {
    at::NoGradGuard no_grad;
    src->running_mean.fill_(4.0);
    ema->running_mean.fill_(0.0);
  }
  updateEma(*ema, *src, 0.75, EmaNorm::Recompute);
  EXPECT_DOUBLE_EQ(ema->running_mean[0].item<double>(), 0.0) << "left for recomputeNormStats";
  updateEma(*ema, *src, 0.75, EmaNorm::Average);
  EXPECT_DOUBLE_EQ(ema->running_mean[0].item<double>(), 1.0);  // 4 + 0.75 * (0 - 4)
  updateEma(*ema, *src, 0.75, EmaNorm::Copy);
  EXPECT_DOUBLE_EQ(ema->running_mean[0].item<double>(), 4.0);
  {
    at::NoGradGuard no_grad;
    ema->running_mean.fill_(0.0);
  }
  updateEma(*ema, *src, 0.0, EmaNorm::Recompute);
  EXPECT_DOUBLE_EQ(ema->running_mean[0].item<double>(), 4.0) << "beta 0: the average is a copy, buffers too";
}

TEST(EmaNorm, RampUpShortensTheHalfLifeEarly) {
  // 10 kimg half-life, ramp-up 0.05: after 6400 images the half-life is 320 images, so beta = 0.5^(64 / 320).
  EXPECT_NEAR(emaBeta(64, 10.0, 0.05, 6400), std::pow(0.5, 64.0 / 320.0), 1e-12);
  // Late in training the ramp-up no longer binds.
  EXPECT_NEAR(emaBeta(64, 10.0, 0.05, 1000000), emaBeta(64, 10.0), 1e-12);
  EXPECT_NEAR(emaBeta(64, 10.0, 0.0, 6400), emaBeta(64, 10.0), 1e-12);
  EXPECT_DOUBLE_EQ(emaBeta(64, 0.0, 0.05, 6400), 0.0);
}

}  // namespace
}  // namespace gs

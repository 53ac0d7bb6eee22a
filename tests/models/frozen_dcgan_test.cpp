// The explorer's inference copy of a DCGAN generator (BatchNorm folded into the convolutions) draws the same
// images as the trained network in eval mode: batch 1 (NCHW) and batches (training layout), unconditional and
// class-conditional, with BatchNorm statistics and affine parameters far from their initial values.
#include <gtest/gtest.h>

#include <c10/core/InferenceMode.h>

#include "models/conditional_batchnorm.h"
#include "models/dcgan.h"
#include "models/frozen_dcgan.h"
#include "util/error.h"

namespace gs {
namespace {

ModelConfig tiny(int resolution, int classes) {
  ModelConfig c;
  c.resolution = resolution;
  c.channels = 3;
  c.latent_dim = 12;
  c.g_width = 8;
  c.num_classes = classes;
  return c;
}

// Running statistics and affine parameters that differ per channel (a fresh BatchNorm has mean 0, var 1,
// gamma ~1, beta 0, which would hide a wrong fold).
std::shared_ptr<DcganGenerator> trained(const ModelConfig& config) {
  torch::manual_seed(3);
  auto g = std::make_shared<DcganGenerator>(config);
  at::NoGradGuard no_grad;
  for (auto& p : g->named_parameters()) {
    const std::string& key = p.key();
    if (key.find("bias") != std::string::npos) p.value().uniform_(-0.5, 0.5);
    if (p.value().dim() == 4) p.value().mul_(5);  // images with contrast, not DCGAN init's near-constant grey
    if (key.find("gain") != std::string::npos || (key.find("weight") != std::string::npos && p.value().dim() == 1))
      p.value().uniform_(0.5, 1.5);
  }
  g->train();
  for (int i = 0; i < 4; ++i) g->forward(at::randn({16, config.latent_dim}) * 2 + 0.3);
  g->eval();
  return g;
}

void expectSameImages(const std::shared_ptr<DcganGenerator>& g, const FrozenDcgan& frozen, int64_t n,
                      const at::Tensor& classes) {
  c10::InferenceMode guard;
  const at::Tensor z = at::randn({n, g->layers()->ptr(0)->as<UpConv2dImpl>()->weight.size(0)});
  const at::Tensor want = classes.defined() ? g->forwardWithClasses(z, classes) : g->forward(z);
  const at::Tensor got = frozen.forward(z, classes);
  ASSERT_EQ(got.sizes(), want.sizes());
  EXPECT_TRUE(got.is_contiguous());
  EXPECT_LT((got - want).abs().max().item<double>(), 2e-5) << "batch " << n;
  // The images are not all the same grey: a fold that lost the statistics would show here.
  EXPECT_GT(want.std().item<double>(), 0.05);
}

TEST(FrozenDcgan, MatchesTheNetworkAtBatchOneAndInBatches) {
  for (int resolution : {32, 64}) {
    const auto g = trained(tiny(resolution, 0));
    const FrozenDcgan frozen(*g);
    EXPECT_EQ(frozen.numClasses(), 0);
    expectSameImages(g, frozen, 1, {});
    expectSameImages(g, frozen, 5, {});
  }
}

TEST(FrozenDcgan, ConditionalKeepsEachClassOwnGainAndBias) {
  const auto g = trained(tiny(32, 4));
  const FrozenDcgan frozen(*g);
  EXPECT_EQ(frozen.numClasses(), 4);
  expectSameImages(g, frozen, 1, at::tensor(std::vector<int64_t>{3}, at::kLong));
  expectSameImages(g, frozen, 4, at::tensor(std::vector<int64_t>{2, 0, 3, 1}, at::kLong));
  expectSameImages(g, frozen, 6, {});  // classes cycling, as DcganGenerator::forward does
  c10::InferenceMode guard;
  const at::Tensor z = at::randn({1, 12});
  const at::Tensor a = frozen.forward(z, at::tensor(std::vector<int64_t>{0}, at::kLong));
  const at::Tensor b = frozen.forward(z, at::tensor(std::vector<int64_t>{1}, at::kLong));
  EXPECT_GT((a - b).abs().max().item<double>(), 1e-3);  // the class changes the image
  EXPECT_THROW(frozen.forward(z, at::tensor(std::vector<int64_t>{4}, at::kLong)), c10::Error);
}

TEST(FrozenDcgan, RefusesWrongInputs) {
  const auto g = trained(tiny(32, 0));
  const FrozenDcgan frozen(*g);
  c10::InferenceMode guard;
  EXPECT_THROW(frozen.forward(at::randn({1, 11})), c10::Error);
  EXPECT_THROW(frozen.forward(at::randn({1, 12}), at::zeros({1}, at::kLong)), c10::Error);
}

}  // namespace
}  // namespace gs

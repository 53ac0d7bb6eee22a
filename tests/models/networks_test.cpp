// DCGAN generator and discriminator: shapes, ranges, architecture of the paper, factory errors, no-BN variants.
#include <gtest/gtest.h>
#include <torch/nn/modules/batchnorm.h>

#include <algorithm>

#include "models/networks.h"
#include "util/error.h"

namespace gs {
namespace {

ModelConfig smallConfig(int resolution, int channels) {
  ModelConfig c;
  c.resolution = resolution;
  c.channels = channels;
  c.latent_dim = 16;
  c.g_width = resolution >= 128 ? 4 : 8;  // keep the 128/256 px nets tiny
  c.d_width = c.g_width;
  return c;
}

int64_t countParameters(const torch::nn::Module& m) {
  int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}

int countBatchNorms(const torch::nn::Module& m) {
  int n = 0;
  for (const auto& sub : m.modules(/*include_self=*/false)) n += sub->as<torch::nn::BatchNorm2dImpl>() != nullptr;
  return n;
}

class NetworkShapes : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(NetworkShapes, GeneratorAndDiscriminatorShapesAndRanges) {
  const auto [resolution, channels] = GetParam();
  const ModelConfig config = smallConfig(resolution, channels);
  auto g = makeGenerator(config);
  auto d = makeDiscriminator(config);
  const at::Tensor z = at::randn({3, config.latent_dim});
  const at::Tensor images = g->forward(z);
  ASSERT_EQ(images.sizes(), (at::IntArrayRef{3, channels, resolution, resolution}));
  EXPECT_TRUE(images.is_contiguous());
  EXPECT_LE(images.max().item<float>(), 1.0f);
  EXPECT_GE(images.min().item<float>(), -1.0f);
  EXPECT_GT(images.std().item<float>(), 0.0f);

  const at::Tensor logits = d->forward(images);
  ASSERT_EQ(logits.sizes(), (at::IntArrayRef{3}));
  EXPECT_TRUE(logits.isfinite().all().item<bool>());
  const at::Tensor features = d->features(images);
  ASSERT_EQ(features.dim(), 2);
  EXPECT_EQ(features.size(0), 3);
  // 4x4 maps of the widest layer: d_width * min(8, 2^(stages - 1)), stages = log2(resolution / 4).
  const int stages = resolution == 32 ? 3 : resolution == 64 ? 4 : resolution == 128 ? 5 : 6;
  EXPECT_EQ(features.size(1), config.d_width * std::min(8, 1 << (stages - 1)) * 16);
}

INSTANTIATE_TEST_SUITE_P(AllSizes, NetworkShapes,
                         ::testing::Combine(::testing::Values(32, 64, 128, 256), ::testing::Values(1, 3, 4)));

TEST(Dcgan, MatchesThePaperArchitectureAt64Px) {
  ModelConfig config;  // nz 100, widths 64, 64 px
  config.channels = 3;
  auto g = makeGenerator(config);
  auto d = makeDiscriminator(config);
  // pytorch/examples dcgan: G 3,576,704 parameters; D 2,765,568 plus our biases on the two convs without BN.
  EXPECT_EQ(countParameters(*g), 3576704);
  EXPECT_EQ(countParameters(*d), 2765568 + 64 + 1);
  EXPECT_EQ(countBatchNorms(*g), 4);
  EXPECT_EQ(countBatchNorms(*d), 3);  // none on the first layer
}

TEST(Dcgan, WeightsFollowTheDcganInit) {
  ModelConfig config;
  config.channels = 3;
  auto g = makeGenerator(config);
  for (const auto& p : g->named_parameters()) {
    if (p.key().find("weight") == std::string::npos) continue;
    const double mean = p.value().mean().item<double>(), stddev = p.value().std().item<double>();
    if (p.value().dim() == 4) {
      EXPECT_NEAR(mean, 0.0, 0.005) << p.key();
      EXPECT_NEAR(stddev, 0.02, 0.004) << p.key();
    } else {  // BatchNorm gamma
      EXPECT_NEAR(mean, 1.0, 0.01) << p.key();
    }
  }
}

TEST(Dcgan, PenaltyVariantsDropBatchNorm) {
  const ModelConfig config = smallConfig(64, 3);
  EXPECT_EQ(countBatchNorms(*makeDiscriminator(config, LossKind::WganGp)), 0);
  EXPECT_EQ(countBatchNorms(*makeDiscriminator(config, LossKind::Hinge)), 3);
  OptimConfig optim;
  optim.r1_gamma = 1.0;
  EXPECT_EQ(countBatchNorms(*makeDiscriminator(config, optim)), 0);
  optim.r1_gamma = 0.0;
  EXPECT_EQ(countBatchNorms(*makeDiscriminator(config, optim)), 3);
  ModelConfig sn = config;
  sn.spectral_norm = true;
  EXPECT_EQ(countBatchNorms(*makeDiscriminator(sn)), 0);
}

TEST(Dcgan, WithoutBatchNormEachLogitDependsOnlyOnItsImage) {
  const ModelConfig config = smallConfig(32, 3);
  auto d = makeDiscriminator(config, LossKind::WganGp);
  const at::Tensor x = at::randn({4, 3, 32, 32});
  at::Tensor y = x.clone();
  y[3] = at::randn({3, 32, 32});
  const at::Tensor a = d->forward(x), b = d->forward(y);
  EXPECT_TRUE(at::allclose(a.slice(0, 0, 3), b.slice(0, 0, 3), 1e-5, 1e-6));
}

TEST(Dcgan, SpectralNormStateIsInTheBuffers) {
  ModelConfig config = smallConfig(32, 3);
  config.spectral_norm = true;
  auto d = makeDiscriminator(config);
  int u_buffers = 0;
  for (const auto& b : d->named_buffers()) u_buffers += b.key().size() >= 2 && b.key().substr(b.key().size() - 2) == ".u";
  EXPECT_EQ(u_buffers, 4);  // three body convs and the head
  EXPECT_EQ(d->forward(at::randn({2, 3, 32, 32})).sizes(), (at::IntArrayRef{2}));
  // Diversity measures read features without gradients, in either mode.
  c10::InferenceMode inference;
  EXPECT_EQ(d->features(at::randn({2, 3, 32, 32})).size(0), 2);
  d->eval();
  EXPECT_EQ(d->forward(at::randn({2, 3, 32, 32})).sizes(), (at::IntArrayRef{2}));
}

TEST(Dcgan, MinibatchStdWidensTheHead) {
  ModelConfig config = smallConfig(32, 3);
  const int64_t plain = countParameters(*makeDiscriminator(config));
  config.minibatch_std = true;
  auto d = makeDiscriminator(config);
  EXPECT_EQ(countParameters(*d) - plain, 16);  // one more input map of the 4x4 head conv
  EXPECT_EQ(d->forward(at::randn({6, 3, 32, 32})).sizes(), (at::IntArrayRef{6}));
}

TEST(Dcgan, EvalModeWorksOnOneLatent) {
  auto g = makeGenerator(smallConfig(64, 3));
  g->eval();
  c10::InferenceMode inference;
  EXPECT_EQ(g->forward(at::randn({1, 16})).sizes(), (at::IntArrayRef{1, 3, 64, 64}));
}

TEST(Dcgan, FactoryRejectsUnsupportedConfigs) {
  ModelConfig config = smallConfig(64, 3);
  config.resolution = 48;
  EXPECT_THROW(makeGenerator(config), GanscopeError);
  EXPECT_THROW(makeDiscriminator(config), GanscopeError);
  config = smallConfig(64, 2);
  EXPECT_THROW(makeGenerator(config), GanscopeError);
  config = smallConfig(64, 0);
  EXPECT_THROW(makeDiscriminator(config), GanscopeError);
  config = smallConfig(64, 3);
  config.kind = ModelKind::Style;
  config.mapping_layers = 0;
  try {
    makeGenerator(config);
    FAIL() << "a style generator without a mapping network accepted";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("mapping_layers"), std::string::npos);
  }
  config = smallConfig(64, 3);
  config.latent_dim = 0;
  EXPECT_THROW(makeGenerator(config), GanscopeError);
}

TEST(Dcgan, GeneratorRejectsWrongLatentSize) {
  auto g = makeGenerator(smallConfig(32, 3));
  EXPECT_THROW(g->forward(at::randn({2, 17})), c10::Error);
}

}  // namespace
}  // namespace gs

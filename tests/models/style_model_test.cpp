// Style-based generator and residual discriminator: shapes and finiteness at every resolution, the two
// modulated-convolution paths agree, w_avg tracking, deterministic eval rendering, style-mixing locality.
#include <gtest/gtest.h>

#include "models/modulated_conv.h"
#include "models/style_generator.h"
#include "style_fixture.h"
#include "training/ema.h"
#include "training/losses.h"

namespace gs {
namespace {

class StyleShapes : public ::testing::TestWithParam<int> {};

TEST_P(StyleShapes, GeneratorAndDiscriminatorShapesAndFiniteness) {
  const int resolution = GetParam();
  const ModelConfig config = test::tinyStyleModel(resolution);
  auto g = test::makeStyleGenerator(config);
  auto d = makeDiscriminator(config);
  int log2r = 0;
  while ((1 << log2r) < resolution) ++log2r;
  ASSERT_EQ(g->numStyleLayers(), 1 + 2 * (log2r - 2));
  const std::vector<int> res = g->layerResolutions();
  EXPECT_EQ(res.front(), 4);
  EXPECT_EQ(res.back(), resolution);

  const at::Tensor z = at::randn({4, config.latent_dim});
  for (bool training : {true, false}) {
    g->train(training);
    const at::Tensor images = g->forward(z);
    ASSERT_EQ(images.sizes(), (at::IntArrayRef{4, 3, resolution, resolution})) << "training " << training;
    EXPECT_TRUE(images.is_contiguous());
    EXPECT_TRUE(images.isfinite().all().item<bool>());
    EXPECT_GT(images.std().item<float>(), 0.01f);
    EXPECT_LT(images.abs().max().item<float>(), 20.0f);  // linear output, roughly unit scale
    const at::Tensor logits = d->forward(images);
    ASSERT_EQ(logits.sizes(), (at::IntArrayRef{4}));
    EXPECT_TRUE(logits.isfinite().all().item<bool>());
    EXPECT_EQ(d->features(images).sizes(), (at::IntArrayRef{4, styleWidth(config.d_width, resolution, 4)}));
  }
}

INSTANTIATE_TEST_SUITE_P(Resolutions, StyleShapes, ::testing::Values(32, 64, 128, 256));

TEST(StyleGenerator, GroupedAndSeparateModulationAgree) {
  const ModelConfig config = test::tinyStyleModel(32);
  auto g = test::makeStyleGenerator(config);
  g->eval();
  const at::Tensor ws = g->mapping(at::randn({3, config.latent_dim})).unsqueeze(1).repeat({1, g->numStyleLayers(), 1});
  setModulationPath(ModulationPath::Grouped);
  const at::Tensor grouped = g->synthesis(ws, NoiseSpec{});
  setModulationPath(ModulationPath::Separate);
  const at::Tensor separate = g->synthesis(ws, NoiseSpec{});
  setModulationPath(ModulationPath::Auto);
  EXPECT_TRUE(at::allclose(grouped, separate, 1e-4, 1e-4)) << (grouped - separate).abs().max().item<float>();
}

// Eval mode's own form (styles carry the weight gain, squared weight norms kept between renders) draws what the
// grouped form draws, also after the weights change in place (an optimiser step) without a gradient recorded.
TEST(StyleGenerator, EvalRendersMatchGroupedAndFollowWeightChanges) {
  const ModelConfig config = test::tinyStyleModel(32);
  auto g = test::makeStyleGenerator(config);
  g->eval();
  at::NoGradGuard no_grad;
  const at::Tensor ws = g->mapping(at::randn({1, config.latent_dim})).unsqueeze(1).repeat({1, g->numStyleLayers(), 1});
  const auto renderBoth = [&] {
    setModulationPath(ModulationPath::Grouped);
    const at::Tensor grouped = g->synthesis(ws, NoiseSpec{});
    setModulationPath(ModulationPath::Auto);
    return std::make_pair(grouped, g->synthesis(ws, NoiseSpec{}));
  };
  const auto [grouped, fast] = renderBoth();
  EXPECT_TRUE(at::allclose(grouped, fast, 1e-4, 1e-4)) << (grouped - fast).abs().max().item<float>();
  for (auto& p : g->named_parameters())
    if (p.key().find("conv.weight") != std::string::npos) p.value().add_(at::randn_like(p.value()) * 0.5);
  const auto [grouped2, fast2] = renderBoth();
  EXPECT_GT((grouped2 - grouped).abs().max().item<float>(), 1e-3);  // the change shows in the image
  EXPECT_TRUE(at::allclose(grouped2, fast2, 1e-4, 1e-4)) << (grouped2 - fast2).abs().max().item<float>();
}

TEST(StyleGenerator, TrainingTracksAverageWAndEmaCopiesIt) {
  const ModelConfig config = test::tinyStyleModel(32);
  auto g = test::makeStyleGenerator(config);
  auto ema = test::makeStyleGenerator(config);
  EXPECT_EQ(g->wAvg().abs().sum().item<float>(), 0.0f);
  const at::Tensor z = at::randn({8, config.latent_dim});
  g->train();
  {
    at::NoGradGuard no_grad;
    g->forward(z);
  }
  // One update from zero: (1 - beta) * mean of the batch's w.
  const at::Tensor expected = g->mapping(z).mean(0) * (1.0 - StyleGenerator::kWAvgBeta);
  EXPECT_TRUE(at::allclose(g->wAvg(), expected, 1e-5, 1e-6));
  copyWeights(*ema, *g);
  EXPECT_TRUE(at::equal(ema->wAvg(), g->wAvg()));
  // Eval mode leaves it alone.
  g->eval();
  const at::Tensor before = g->wAvg().clone();
  g->forward(z);
  EXPECT_TRUE(at::equal(before, g->wAvg()));
}

TEST(StyleGenerator, EvalRenderingIsDeterministicAndBatchIndependent) {
  const ModelConfig config = test::tinyStyleModel(32);
  auto g = test::makeStyleGenerator(config);
  test::giveNoiseStrength(*g);
  g->eval();
  const at::Tensor z = at::randn({3, config.latent_dim});
  const at::Tensor a = g->forward(z);
  EXPECT_TRUE(at::equal(a, g->forward(z)));
  EXPECT_TRUE(at::allclose(a.narrow(0, 1, 1), g->forward(z.narrow(0, 1, 1)), 1e-4, 1e-5));
  // A different noise seed changes the image once the layers have learned some noise strength.
  NoiseSpec other;
  other.seed = 5;
  const at::Tensor ws = g->mapping(z).unsqueeze(1).repeat({1, g->numStyleLayers(), 1});
  EXPECT_FALSE(at::allclose(g->synthesis(ws, NoiseSpec{}), g->synthesis(ws, other), 1e-3, 1e-3));
  // Noise gain 0 on every layer: the seed no longer matters.
  NoiseSpec silent_a, silent_b;
  silent_a.gain.assign(size_t(g->numStyleLayers()), 0.0f);
  silent_b = silent_a;
  silent_b.seed = 5;
  EXPECT_TRUE(at::equal(g->synthesis(ws, silent_a), g->synthesis(ws, silent_b)));
}

TEST(StyleGenerator, TrainingForwardMixesStylesAndDrawsNoiseFromTheGlobalRng) {
  const ModelConfig config = test::tinyStyleModel(32);
  auto g = test::makeStyleGenerator(config);
  test::giveNoiseStrength(*g);
  g->train();
  const at::Tensor z = at::randn({4, config.latent_dim});
  at::manual_seed(3);
  const at::Tensor a = g->forward(z);
  at::manual_seed(3);
  EXPECT_TRUE(at::equal(a, g->forward(z))) << "same global RNG state, same training output";
  EXPECT_FALSE(at::equal(a, g->forward(z))) << "fresh noise and mixing on the next call";
}

TEST(StyleGenerator, MixingFineLayersChangesLowFrequenciesLessThanCoarse) {
  const ModelConfig config = test::tinyStyleModel(64, /*width=*/8);
  auto g = test::makeStyleGenerator(config);
  g->eval();
  const int layers = g->numStyleLayers();  // 9 at 64 px: 4, 8, 8 | 16, 16, 32, 32 | 64, 64
  const at::Tensor wa = g->mapping(at::randn({16, config.latent_dim}));
  const at::Tensor wb = g->mapping(at::randn({16, config.latent_dim}));
  auto mixed = [&](int first, int count) {
    at::Tensor ws = wa.unsqueeze(1).repeat({1, layers, 1});
    ws.narrow(1, first, count).copy_(wb.unsqueeze(1).expand({16, count, wa.size(1)}));
    return g->synthesis(ws, NoiseSpec{});
  };
  const at::Tensor base = g->synthesis(wa.unsqueeze(1).repeat({1, layers, 1}), NoiseSpec{});
  auto lowFrequencyChange = [&](const at::Tensor& img) {
    return (at::adaptive_avg_pool2d(img, {4, 4}) - at::adaptive_avg_pool2d(base, {4, 4})).abs().mean().item<double>();
  };
  const double coarse = lowFrequencyChange(mixed(0, 3));
  const double fine = lowFrequencyChange(mixed(layers - 2, 2));
  RecordProperty("coarse_change_4x4", std::to_string(coarse));
  RecordProperty("fine_change_4x4", std::to_string(fine));
  std::printf("mean |change| of the 4x4 downsampled image: coarse layers from B %.4f, fine layers from B %.4f\n",
              coarse, fine);
  EXPECT_GT(coarse, 0.0);
  EXPECT_LT(fine, coarse * 0.5);
}

TEST(ResidualDiscriminator, R1PenaltyIsFiniteAndReachesEveryParameter) {
  const ModelConfig config = test::tinyStyleModel(32);
  auto d = makeDiscriminator(config);
  const at::Tensor real = at::rand({4, 3, 32, 32}) * 2 - 1;
  const at::Tensor r1 = r1Penalty(*d, real);
  ASSERT_TRUE(std::isfinite(r1.item<double>()));
  EXPECT_GT(r1.item<double>(), 0.0);
  r1.backward();
  for (const auto& p : d->named_parameters()) {
    if (p.key() == "out.bias") continue;  // a constant offset has no input gradient
    ASSERT_TRUE(p.value().grad().defined()) << p.key();
  }
}

TEST(StyleGenerator, FactoryChecksStyleSettings) {
  ModelConfig config = test::tinyStyleModel(32);
  config.w_dim = -1;
  EXPECT_THROW(makeGenerator(config), GanscopeError);
  config = test::tinyStyleModel(32);
  config.w_dim = 24;
  auto g = test::makeStyleGenerator(config);
  EXPECT_EQ(g->wDim(), 24);
  EXPECT_EQ(g->mapping(at::randn({2, config.latent_dim})).sizes(), (at::IntArrayRef{2, 24}));
}

}  // namespace
}  // namespace gs

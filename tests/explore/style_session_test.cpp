// The explorer's style controls through GeneratorSession: truncation to w_avg, style mixing with latent B,
// per-layer truncation and noise, w and w+ edits, DCGAN ignoring them, size errors, the JSON recipe.
#include <gtest/gtest.h>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "style_fixture.h"

namespace gs {
namespace {

// A tiny style generator with a non-zero w_avg and some noise strength, opened as a session.
std::shared_ptr<GeneratorSession> styleSession(const ModelConfig& config) {
  auto g = test::makeStyleGenerator(config);
  test::giveNoiseStrength(*g);
  g->train();
  {
    at::NoGradGuard no_grad;
    for (int i = 0; i < 20; ++i) g->forward(at::randn({16, config.latent_dim}));
  }
  return GeneratorSession::snapshot(*g, config, "tiny style");
}

bool same(const ImageU8& a, const ImageU8& b) { return a.pixels == b.pixels; }

double meanAbsDiff(const ImageU8& a, const ImageU8& b) {
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return sum / double(a.pixels.size());
}

class StyleSession : public ::testing::Test {
 protected:
  void SetUp() override {
    at::manual_seed(11);
    config_ = test::tinyStyleModel(32, 8);
    session_ = styleSession(config_);
    za_ = session_->latentForSeed(1);
    zb_ = session_->latentForSeed(2);
  }
  StyleControls withB() const {
    StyleControls c;
    c.latent_b = zb_;
    c.seed_b = 2;
    c.layers.resize(session_->styleLayerResolutions().size());
    return c;
  }
  ModelConfig config_;
  std::shared_ptr<GeneratorSession> session_;
  std::vector<float> za_, zb_;
};

TEST_F(StyleSession, ReportsLayers) {
  EXPECT_TRUE(session_->isStyleBased());
  EXPECT_EQ(session_->styleLayerResolutions(), (std::vector<int>{4, 8, 8, 16, 16, 32, 32}));
  EXPECT_EQ(session_->wDim(), config_.latent_dim);
}

TEST_F(StyleSession, TruncationZeroGivesTheAverageWImageForAnyZ) {
  const ImageU8 a = session_->render(za_, 0.0f);
  EXPECT_TRUE(same(a, session_->render(zb_, 0.0f)));
  EXPECT_TRUE(same(a, session_->render(session_->latentForSeed(99), 0.0f)));
  EXPECT_FALSE(same(a, session_->render(za_, 1.0f)));
  // Per-layer psi 0 everywhere does the same as the overall psi 0.
  StyleControls c = withB();
  for (auto& l : c.layers) l.truncation = 0.0f;
  EXPECT_TRUE(same(a, session_->render(za_, 1.0f, c)));
}

TEST_F(StyleSession, StyleFromBOnEveryLayerIsImageB) {
  StyleControls c = withB();
  EXPECT_TRUE(same(session_->render(za_), session_->render(za_, 1.0f, c))) << "no switch on: image A";
  for (auto& l : c.layers) l.from_b = true;
  EXPECT_TRUE(same(session_->render(zb_), session_->render(za_, 1.0f, c)));
  c = withB();
  c.layers[0].from_b = true;
  const ImageU8 mixed = session_->render(za_, 1.0f, c);
  EXPECT_FALSE(same(mixed, session_->render(za_)));
  EXPECT_FALSE(same(mixed, session_->render(zb_)));
}

TEST_F(StyleSession, NoiseSeedAndPerLayerNoiseStrength) {
  StyleControls c = withB();
  const ImageU8 base = session_->render(za_, 1.0f, c);
  c.noise_seed = 7;
  const ImageU8 reseeded = session_->render(za_, 1.0f, c);
  EXPECT_FALSE(same(base, reseeded));
  for (auto& l : c.layers) l.noise = 0.0f;
  const ImageU8 silent = session_->render(za_, 1.0f, c);
  c.noise_seed = 0;
  EXPECT_TRUE(same(silent, session_->render(za_, 1.0f, c))) << "without noise the seed doesn't matter";
  c.layers.back().noise = 3.0f;
  EXPECT_FALSE(same(silent, session_->render(za_, 1.0f, c)));
}

TEST_F(StyleSession, EditsInWEqualTheSameEditOnEveryLayerInWPlus) {
  std::vector<float> offset(size_t(session_->wDim()), 0.0f);
  offset[0] = 2.0f;
  offset[3] = -1.5f;
  StyleControls in_w;
  in_w.w_offset = offset;
  StyleControls in_w_plus = withB();
  for (auto& l : in_w_plus.layers) l.w_offset = offset;
  const ImageU8 edited = session_->render(za_, 1.0f, in_w);
  EXPECT_FALSE(same(edited, session_->render(za_)));
  EXPECT_LT(meanAbsDiff(edited, session_->render(za_, 1.0f, in_w_plus)), 0.01);
  StyleControls one_layer = withB();
  one_layer.layers[1].w_offset = offset;
  EXPECT_FALSE(same(session_->render(za_), session_->render(za_, 1.0f, one_layer)));
}

TEST_F(StyleSession, WrongSizesAreErrorsAPersonCanRead) {
  StyleControls c = withB();
  c.layers.pop_back();
  EXPECT_THROW(session_->render(za_, 1.0f, c), GanscopeError);
  c = withB();
  c.latent_b.pop_back();
  EXPECT_THROW(session_->render(za_, 1.0f, c), GanscopeError);
  c = withB();
  c.layers[2].w_offset = {1.0f};
  try {
    session_->render(za_, 1.0f, c);
    FAIL() << "short w+ offset accepted";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("layer 2"), std::string::npos) << e.what();
  }
}

TEST_F(StyleSession, GridsRenderTheSameImagesAsSingles) {
  StyleControls c = withB();
  c.layers[1].from_b = true;
  c.layers[4].truncation = 0.5f;
  const auto batch = session_->renderBatch({za_, zb_}, 0.8f, c);
  EXPECT_LT(meanAbsDiff(batch[0], session_->render(za_, 0.8f, c)), 0.01);
  EXPECT_LT(meanAbsDiff(batch[1], session_->render(zb_, 0.8f, c)), 0.01);
}

TEST(StyleControlsRecipe, JsonRoundTripAndDefaults) {
  StyleControls c;
  EXPECT_TRUE(c.isDefault());
  EXPECT_EQ(styleControlsToJson(c), "{}");
  c.layers.resize(3);
  c.layers[1].from_b = true;
  EXPECT_TRUE(c.isDefault()) << "a B switch without latent B changes nothing";
  c.latent_b = latentFromSeed(5, 4);
  c.seed_b = 5;
  c.noise_seed = 9;
  c.layers[2].truncation = 0.25f;
  c.layers[0].noise = 0.0f;
  c.layers[0].w_offset = {1, 2, 3, 4};
  EXPECT_FALSE(c.isDefault());
  const StyleControls back = styleControlsFromJson(styleControlsToJson(c));
  EXPECT_EQ(back.seed_b, c.seed_b);
  EXPECT_TRUE(back.latent_b.empty()) << "a seeded latent B is stored as its seed";
  EXPECT_EQ(back.noise_seed, 9u);
  ASSERT_EQ(back.layers.size(), 3u);
  EXPECT_TRUE(back.layers[1].from_b);
  EXPECT_FLOAT_EQ(back.layers[2].truncation, 0.25f);
  EXPECT_FLOAT_EQ(back.layers[0].noise, 0.0f);
  EXPECT_EQ(back.layers[0].w_offset, c.layers[0].w_offset);
  EXPECT_THROW(styleControlsFromJson("[1, 2]"), GanscopeError);
  EXPECT_THROW(styleControlsFromJson("{\"layers\": 3}"), GanscopeError);
}

TEST(StyleControlsRecipe, DcganIgnoresStyleControls) {
  ModelConfig config;
  config.resolution = 32;
  config.channels = 3;
  config.latent_dim = 8;
  config.g_width = 4;
  auto g = makeGenerator(config);
  auto session = GeneratorSession::snapshot(*g, config, "dcgan");
  EXPECT_FALSE(session->isStyleBased());
  EXPECT_TRUE(session->styleLayerResolutions().empty());
  StyleControls c;
  c.latent_b = session->latentForSeed(3);
  c.layers.resize(7);
  c.layers[0].from_b = true;
  c.noise_seed = 4;
  const auto z = session->latentForSeed(1);
  EXPECT_TRUE(same(session->render(z), session->render(z, 1.0f, c)));
}

}  // namespace
}  // namespace gs

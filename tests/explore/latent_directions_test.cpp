// Edit directions: PCA recovers a known anisotropic spread; SeFa on a DCGAN's first block finds the z directions
// it stretches most; GANSpace on a style generator works in w; applying an edit moves z or w (every layer or a
// layer range) by amount x sigma along each direction; zero edits change nothing; size errors are named.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <cmath>
#include <random>

#include "explore/generator_session.h"
#include "explore/latent_directions.h"
#include "models/dcgan.h"
#include "style_fixture.h"
#include "tiny_run_config.h"
#include "util/error.h"

namespace gs {
namespace {

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += double(a[i]) * b[i];
  return s;
}

void expectOrthonormal(const LatentDirections& d) {
  for (int i = 0; i < d.count(); ++i)
    for (int j = 0; j < d.count(); ++j) EXPECT_NEAR(dot(d.vectors[i], d.vectors[j]), i == j ? 1.0 : 0.0, 1e-4);
}

ModelConfig tinyDcgan() {
  ModelConfig c = tinyRunConfig(1).model;  // 32 px, widths 8, latent 16
  c.channels = 3;
  return c;
}

TEST(LatentDirections, PcaRecoversAKnownSpread) {
  // 4000 points with standard deviations 3, 1, 0.5, 0.1 along a rotated orthonormal basis.
  const int n = 4000, dim = 4;
  const std::vector<std::vector<float>> basis = {
      {0.5f, 0.5f, 0.5f, 0.5f}, {0.5f, -0.5f, 0.5f, -0.5f}, {0.5f, 0.5f, -0.5f, -0.5f}, {0.5f, -0.5f, -0.5f, 0.5f}};
  const double stds[] = {3, 1, 0.5, 0.1};
  std::mt19937 rng(5);
  std::normal_distribution<double> g(0, 1);
  std::vector<float> rows(size_t(n) * dim);
  for (int r = 0; r < n; ++r)
    for (int k = 0; k < dim; ++k) {
      const double c = g(rng) * stds[k];
      for (int j = 0; j < dim; ++j) rows[size_t(r) * dim + j] += float(c * basis[k][j] + (j == 0 ? 7.0 : 0.0) / dim);
    }
  const LatentDirections d = principalDirections(rows, n, dim, 3);
  ASSERT_EQ(d.count(), 3);
  expectOrthonormal(d);
  for (int k = 0; k < 3; ++k) {
    EXPECT_GT(std::abs(dot(d.vectors[k], basis[k])), 0.99) << k;
    EXPECT_NEAR(d.sigma[k], stds[k], 0.05 * stds[k]) << k;
  }
  const double total = 9 + 1 + 0.25 + 0.01;
  EXPECT_NEAR(d.explained[0], 9 / total, 0.02);
  EXPECT_GT(d.explained[0], d.explained[1]);
  // Signs: the largest-magnitude entry of each vector is positive.
  for (const auto& v : d.vectors) {
    size_t big = 0;
    for (size_t j = 1; j < v.size(); ++j)
      if (std::abs(v[j]) > std::abs(v[big])) big = j;
    EXPECT_GT(v[big], 0);
  }
  EXPECT_THROW(principalDirections(rows, n, dim + 1, 2), GanscopeError);
}

TEST(LatentDirections, SefaOnDcganFindsTheMostStretchedZDirections) {
  at::manual_seed(3);
  const ModelConfig config = tinyDcgan();
  auto g = std::make_shared<DcganGenerator>(config);
  auto session = GeneratorSession::snapshot(*g, config, "tiny dcgan");
  const LatentDirections d = session->editDirections(config.latent_dim);
  ASSERT_EQ(d.count(), config.latent_dim);
  EXPECT_EQ(d.space, LatentDirections::Space::Z);
  expectOrthonormal(d);
  for (float s : d.sigma) EXPECT_EQ(s, 1.0f);
  // The first block's response along the first direction beats any other unit direction, the last loses to all.
  g->eval();
  at::Tensor map;
  {
    at::NoGradGuard no_grad;
    map = g->firstBlockLinearMap();
  }
  const auto gain = [&map](const std::vector<float>& v) {
    return at::from_blob(const_cast<float*>(v.data()), {1, int64_t(v.size())}, at::kFloat).matmul(map).norm().item<double>();
  };
  std::mt19937 rng(9);
  std::normal_distribution<float> normal(0, 1);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<float> r(size_t(config.latent_dim));
    for (float& x : r) x = normal(rng);
    const double norm = std::sqrt(dot(r, r));
    for (float& x : r) x = float(x / norm);
    EXPECT_GE(gain(d.vectors.front()), gain(r) - 1e-6);
    EXPECT_LE(gain(d.vectors.back()), gain(r) + 1e-6);
  }
  for (size_t i = 1; i < d.explained.size(); ++i) EXPECT_LE(d.explained[i], d.explained[i - 1]);

  // An edit moves z by amount x direction; it changes the image; a zero edit changes nothing.
  std::vector<float> z = session->latentForSeed(4), moved = z;
  StyleControls style;
  DirectionEdit edit;
  edit.amounts = {0.0f, 2.0f};
  applyDirections(d, edit, moved, style, 0, 0);
  for (size_t k = 0; k < z.size(); ++k) EXPECT_NEAR(moved[k], z[k] + 2.0f * d.vectors[1][k], 1e-5);
  EXPECT_TRUE(style.isDefault());
  EXPECT_NE(session->render(moved).pixels, session->render(z).pixels);
  std::vector<float> same = z;
  applyDirections(d, DirectionEdit{{0.0f, 0.0f}}, same, style, 0, 0);
  EXPECT_EQ(same, z);
  std::vector<float> wrong(5, 0.0f);
  EXPECT_THROW(applyDirections(d, edit, wrong, style, 0, 0), GanscopeError);
}

TEST(LatentDirections, GanspaceOnAStyleGeneratorEditsWOrALayerRange) {
  at::manual_seed(11);
  const ModelConfig config = test::tinyStyleModel(32, 8);
  auto g = test::makeStyleGenerator(config);
  auto session = GeneratorSession::snapshot(*g, config, "tiny style");
  const LatentDirections d = session->editDirections(4, 2000);
  ASSERT_EQ(d.count(), 4);
  EXPECT_EQ(d.space, LatentDirections::Space::W);
  EXPECT_EQ(int(d.vectors[0].size()), session->wDim());
  expectOrthonormal(d);
  for (int i = 1; i < 4; ++i) EXPECT_LE(d.sigma[i], d.sigma[i - 1]);
  EXPECT_GT(d.sigma[3], 0);
  // Deterministic: the same directions again.
  EXPECT_EQ(session->editDirections(4, 2000).vectors, d.vectors);

  const int layers = int(session->styleLayerResolutions().size());
  const std::vector<float> z = session->latentForSeed(3);
  DirectionEdit edit;
  edit.amounts = {1.5f};
  // Every layer: one w offset of 1.5 sigma along the first direction; the image is what that offset renders.
  std::vector<float> z_all = z;
  StyleControls all;
  applyDirections(d, edit, z_all, all, layers, session->wDim());
  EXPECT_EQ(z_all, z);
  ASSERT_EQ(all.w_offset.size(), d.vectors[0].size());
  StyleControls manual;
  for (float v : d.vectors[0]) manual.w_offset.push_back(1.5f * d.sigma[0] * v);
  EXPECT_EQ(session->render(z, 1.0f, all).pixels, session->render(z, 1.0f, manual).pixels);
  EXPECT_NE(session->render(z, 1.0f, all).pixels, session->render(z).pixels);
  // Layers 2..3 only: w+ offsets on those layers, none elsewhere.
  edit.first_layer = 2;
  edit.last_layer = 3;
  std::vector<float> z_some = z;
  StyleControls some;
  applyDirections(d, edit, z_some, some, layers, session->wDim());
  EXPECT_TRUE(some.w_offset.empty());
  ASSERT_EQ(int(some.layers.size()), layers);
  for (int l = 0; l < layers; ++l) EXPECT_EQ(some.layers[size_t(l)].w_offset.empty(), l < 2 || l > 3) << l;
  EXPECT_NE(session->render(z, 1.0f, some).pixels, session->render(z).pixels);
}

TEST(LatentDirections, SweepGoesOutAndBackAroundTheBaseEdit) {
  DirectionEdit base;
  base.amounts = {0.5f};
  base.first_layer = 1;
  const auto sweep = directionSweep(base, 2, 3.0f, 8);
  ASSERT_EQ(sweep.size(), 8u);
  const float expected[8] = {0, 2.1213f, 3, 2.1213f, 0, -2.1213f, -3, -2.1213f};
  for (int f = 0; f < 8; ++f) {
    ASSERT_EQ(sweep[size_t(f)].amounts.size(), 3u);
    EXPECT_EQ(sweep[size_t(f)].amounts[0], 0.5f);
    EXPECT_NEAR(sweep[size_t(f)].amounts[2], expected[f], 1e-4) << f;
    EXPECT_EQ(sweep[size_t(f)].first_layer, 1);
  }
  EXPECT_THROW(directionSweep(base, -1, 3.0f, 8), GanscopeError);
  EXPECT_THROW(directionSweep(base, 0, 3.0f, 1), GanscopeError);
}

TEST(LatentDirections, EditRecipeRoundTripsAndNamesMistakes) {
  DirectionEdit edit;
  edit.amounts = {2.5f, 0.0f, 0.0f, -1.0f};
  EXPECT_EQ(directionEditToText(edit), "0:+2.5,3:-1");
  edit.first_layer = 2;
  edit.last_layer = 6;
  const std::string text = directionEditToText(edit);
  EXPECT_EQ(text, "0:+2.5,3:-1@2-6");
  const DirectionEdit back = directionEditFromText(text);
  EXPECT_EQ(back.amounts, edit.amounts);
  EXPECT_EQ(back.first_layer, 2);
  EXPECT_EQ(back.last_layer, 6);
  EXPECT_EQ(directionEditToText(DirectionEdit{{0.0f, 0.0f}}), "");
  EXPECT_TRUE(directionEditFromText("").isZero());
  for (const char* bad : {"0", "x:1", "0:abc", "0:1@3", "0:1@5-2", "99:1"}) {
    try {
      directionEditFromText(bad);
      ADD_FAILURE() << "no error for " << bad;
    } catch (const GanscopeError& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace gs

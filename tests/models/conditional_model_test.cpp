// Class-conditional networks: G's output depends on the class (conditional BatchNorm in DCGAN, the class
// embedding in the style mapping network), D's projection term is <embed(y), phi(x)>, unconditional networks
// keep their exact parameter layout and refuse classes, bad classes are refused.
#include <gtest/gtest.h>

#include "metrics/class_coverage.h"
#include "models/dcgan.h"
#include "models/networks.h"
#include "models/projection_head.h"
#include "models/style_network.h"
#include "style_fixture.h"
#include "util/error.h"

namespace gs {
namespace {

ModelConfig dcgan(int classes) {
  ModelConfig c;
  c.resolution = 32;
  c.channels = 3;
  c.latent_dim = 16;
  c.g_width = c.d_width = 8;
  c.num_classes = classes;
  for (int k = 0; k < classes; ++k) c.class_names.push_back("c" + std::to_string(k));
  return c;
}

ModelConfig style(int classes) {
  ModelConfig c = test::tinyStyleModel(32);
  c.num_classes = classes;
  for (int k = 0; k < classes; ++k) c.class_names.push_back("c" + std::to_string(k));
  return c;
}

at::Tensor classes(std::initializer_list<int64_t> v) { return at::tensor(std::vector<int64_t>(v), at::kLong); }

bool hasKey(torch::nn::Module& m, const std::string& part) {
  for (const auto& p : m.named_parameters())
    if (p.key().find(part) != std::string::npos) return true;
  return false;
}

class ConditionalKinds : public ::testing::TestWithParam<ModelKind> {
 protected:
  ModelConfig config(int k) const { return GetParam() == ModelKind::Style ? style(k) : dcgan(k); }
};

TEST_P(ConditionalKinds, GeneratorOutputDependsOnTheClass) {
  torch::manual_seed(3);
  auto g = makeGenerator(config(3));
  // BatchNorm statistics of this generator's own activations (fresh ones assume unit variance), then eval.
  {
    at::NoGradGuard no_grad;
    for (int i = 0; i < 40; ++i) g->forward(at::randn({48, 16}));
  }
  g->eval();
  ASSERT_EQ(g->numClasses(), 3);
  // The class parameters start close to neutral: give each class its own so the test sees conditioning.
  {
    at::NoGradGuard no_grad;
    for (auto& p : g->named_parameters())
      if (p.key().find("gain") != std::string::npos || p.key().find("class_embed") != std::string::npos)
        p.value().normal_(1.0, 0.5);
  }
  const at::Tensor z = at::randn({1, 16}).repeat({3, 1});  // one latent, three classes
  const at::Tensor images = g->forwardWithClasses(z, classes({0, 1, 2}));
  ASSERT_EQ(images.sizes(), (at::IntArrayRef{3, 3, 32, 32}));
  EXPECT_TRUE(images.isfinite().all().item<bool>());
  EXPECT_GT((images[0] - images[1]).abs().mean().item<float>(), 1e-3f);
  EXPECT_GT((images[1] - images[2]).abs().mean().item<float>(), 1e-3f);
  // The same (z, class) twice: the same image, wherever it sits in the batch.
  const at::Tensor again = g->forwardWithClasses(z.narrow(0, 0, 2), classes({2, 0}));
  EXPECT_TRUE(at::allclose(again[0], images[2], 1e-5, 1e-5));
  // Without classes a conditional generator cycles them: image i gets class i mod K.
  EXPECT_TRUE(at::allclose(g->forward(z), images, 1e-5, 1e-5));
  // Classes outside 0..K-1, or of the wrong shape, are refused.
  EXPECT_THROW(g->forwardWithClasses(z, classes({0, 1, 3})), c10::Error);
  EXPECT_THROW(g->forwardWithClasses(z, classes({0, 1})), c10::Error);
  EXPECT_THROW(g->forwardWithClasses(z, classes({0, -1, 1})), c10::Error);
}

TEST_P(ConditionalKinds, ProjectionDiscriminatorAddsEmbedDotFeatures) {
  torch::manual_seed(5);
  auto d = makeDiscriminator(config(4));
  d->eval();  // DCGAN's D has BatchNorm: running statistics make separate calls comparable
  ASSERT_EQ(d->numClasses(), 4);
  const at::Tensor x = at::rand({5, 3, 32, 32}) * 2 - 1;
  const at::Tensor y = classes({0, 3, 1, 2, 3});
  const at::Tensor full = d->forwardWithClasses(x, y);
  const at::Tensor plain = d->forward(x);
  const at::Tensor phi = d->features(x);
  at::Tensor embed;
  for (const auto& p : d->named_parameters())
    if (p.key().find("projection.embed") != std::string::npos) embed = p.value();
  ASSERT_TRUE(embed.defined());
  ASSERT_EQ(embed.sizes(), (at::IntArrayRef{4, phi.size(1)}));
  const at::Tensor expected = plain + (embed.index_select(0, y) * phi).sum(1);
  EXPECT_TRUE(at::allclose(full, expected, 1e-4, 1e-4)) << full << expected;
  // classScores is the projection of every class; the argmax is the class D's features put an image in.
  const at::Tensor scores = d->classScores(x);
  ASSERT_EQ(scores.sizes(), (at::IntArrayRef{5, 4}));
  for (int64_t i = 0; i < 5; ++i)
    EXPECT_NEAR(scores[i][y[i].item<int64_t>()].item<float>(), (full - plain)[i].item<float>(), 1e-3);
  // A gradient reaches the embedding through the class term only.
  full.sum().backward();
  EXPECT_GT(embed.grad().abs().sum().item<float>(), 0.0f);
  EXPECT_EQ(embed.grad()[0].abs().sum().item<float>() > 0, true);  // class 0 was used
}

TEST_P(ConditionalKinds, UnconditionalNetworksKeepTheirLayoutAndRefuseClasses) {
  auto g = makeGenerator(config(0));
  auto d = makeDiscriminator(config(0));
  EXPECT_EQ(g->numClasses(), 0);
  EXPECT_EQ(d->numClasses(), 0);
  for (const char* part : {"gain", "class_embed", "projection"}) {
    EXPECT_FALSE(hasKey(*g, part)) << part;
    EXPECT_FALSE(hasKey(*d, part)) << part;
  }
  EXPECT_FALSE(d->classScores(at::zeros({1, 3, 32, 32})).defined());
  const at::Tensor z = at::randn({2, 16});
  g->eval();
  EXPECT_TRUE(at::equal(g->forwardWithClasses(z, at::Tensor()), g->forward(z)));
  EXPECT_THROW(g->forwardWithClasses(z, classes({0, 1})), GanscopeError);
  EXPECT_THROW(d->forwardWithClasses(at::zeros({2, 3, 32, 32}), classes({0, 1})), GanscopeError);
}

INSTANTIATE_TEST_SUITE_P(Kinds, ConditionalKinds, ::testing::Values(ModelKind::Dcgan, ModelKind::Style),
                         [](const auto& info) { return toString(info.param); });

TEST(ConditionalStyle, MappingCarriesTheClassIntoEveryW) {
  auto g = test::makeStyleGenerator(style(2));
  g->eval();
  const at::Tensor z = at::randn({1, 16}).repeat({2, 1});
  const at::Tensor w = g->mappingWithClasses(z, classes({0, 1}));
  EXPECT_GT((w[0] - w[1]).abs().mean().item<float>(), 1e-4f);
  EXPECT_TRUE(at::allclose(g->mapping(z), w, 1e-6, 1e-6)) << "mapping(z) cycles the classes";
}

TEST(ClassCoverage, SharesAndFlags) {
  // 8 images asked for classes 0..3 twice; the scores put none in class 2.
  at::Tensor scores = at::zeros({8, 4});
  const std::vector<int64_t> put{0, 1, 3, 3, 0, 1, 1, 3};
  for (int64_t i = 0; i < 8; ++i) scores[i][put[size_t(i)]] = 1.0;
  const at::Tensor asked = at::arange(8, at::kLong).remainder(4);
  const ClassCoverage c = classCoverage(scores, asked);
  EXPECT_EQ(c.share, (std::vector<double>{0.25, 0.375, 0.0, 0.375}));
  EXPECT_EQ(c.flagged, (std::vector<int>{2}));
  EXPECT_DOUBLE_EQ(c.agreement, 6.0 / 8.0);  // images 0, 1, 3, 4, 5, 7
  EXPECT_EQ(describeFlagged(c, {"a", "b", "c", "d"}), "c 0.000");
}

TEST(ClassIndex, NumbersNamesAndErrors) {
  const ModelConfig c = dcgan(3);
  EXPECT_EQ(classIndex(c, "2"), 2);
  EXPECT_EQ(classIndex(c, "c1"), 1);
  EXPECT_EQ(classIndex(c, "C1"), 1);
  try {
    classIndex(c, "dress");
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown class 'dress'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("0 c0, 1 c1, 2 c2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(classIndex(c, "3"), GanscopeError);
  try {
    classIndex(dcgan(0), "1");
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("unconditional"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gs

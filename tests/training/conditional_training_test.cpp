// Class-conditional training: exact resume with every loss (DCGAN and style), the one-row-per-class grid, the
// errors of a conditional config without labels, and a 2-class toy whose class colour G learns.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <ATen/CPUGeneratorImpl.h>

#include "metrics/class_coverage.h"
#include "metrics/health_probe.h"
#include "training/tiny_data.h"
#include "training/trainer.h"
#include "util/error.h"

namespace gs {
namespace {

// n RGB images of `res` px, class i % 2: class 0 reddish, class 1 bluish, each with a lighter square somewhere.
std::shared_ptr<ImageDataset> twoColourDataset(int64_t n = 64, int res = 32, uint32_t seed = 3) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> px(static_cast<size_t>(n) * res * res * 3);
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < n; ++i) {
    const int k = static_cast<int>(i % 2);
    labels.push_back(k);
    const int shade = 150 + static_cast<int>(rng() % 80);
    const int x0 = static_cast<int>(rng() % (res / 2)), y0 = static_cast<int>(rng() % (res / 2));
    for (int y = 0; y < res; ++y)
      for (int x = 0; x < res; ++x) {
        const bool inside = x >= x0 && x < x0 + res / 2 && y >= y0 && y < y0 + res / 2;
        const int main = inside ? 255 : shade, other = inside ? 120 : 30;
        uint8_t* p = &px[((static_cast<size_t>(i) * res + y) * res + x) * 3];
        p[0] = static_cast<uint8_t>(k == 0 ? main : other);
        p[1] = static_cast<uint8_t>(other);
        p[2] = static_cast<uint8_t>(k == 1 ? main : other);
      }
  }
  const auto images = ImageDataset::fromPixels(std::move(px), n, 3, res, "two-colours");
  return ImageDataset::withLabels(*images, std::move(labels), {"red", "blue"});
}

TrainConfig conditional(LossKind loss, double r1 = 0, int d_steps = 1) {
  TrainConfig c = test::tinyConfig(loss);
  c.data.class_labels = true;
  c.optim.r1_gamma = r1;
  c.optim.r1_interval = 3;
  c.optim.d_steps = d_steps;
  c.optim.ema_kimg = 0.5;
  return c;
}

// G's step on the last D step's fakes and their (the real batch's) classes: a new DCGAN run's default.
TrainConfig reusingFakes() {
  TrainConfig c = conditional(LossKind::NonSaturating);
  c.optim.reuse_fakes = true;
  return c;
}

TrainConfig conditionalStyle() {
  TrainConfig c = conditional(LossKind::NonSaturating, 1.0);
  c.model.kind = ModelKind::Style;
  c.model.g_width = c.model.d_width = 4;
  c.model.mapping_layers = 2;
  c.optim.beta1 = 0.0;
  c.optim.beta2 = 0.99;
  return c;
}

std::vector<double> numbers(const StepStats& s) {
  return {double(s.step), s.g_loss, s.d_loss, s.penalty, s.d_real, s.d_fake, s.g_grad_norm, s.d_grad_norm};
}

struct Variant {
  const char* name;
  TrainConfig config;
};
void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }

class ConditionalResume : public ::testing::TestWithParam<Variant> {};

TEST_P(ConditionalResume, SplitRunEqualsStraightRun) {
  const TrainConfig config = GetParam().config;
  const auto data = twoColourDataset(/*n=*/40);  // batches cross epoch boundaries
  const std::string dir = test::tempDir("cond-resume");
  const int n = 3;
  Trainer straight(config, data);
  EXPECT_EQ(straight.config().model.num_classes, 2);
  EXPECT_EQ(straight.config().model.class_names, (std::vector<std::string>{"red", "blue"}));
  std::vector<std::vector<double>> expected;
  for (int i = 0; i < 2 * n; ++i) expected.push_back(numbers(straight.step()));
  {
    Trainer first(config, data);
    for (int i = 0; i < n; ++i) ASSERT_EQ(numbers(first.step()), expected[size_t(i)]) << "step " << i;
    first.save(dir + "/half.gsck");
    first.sample(first.fixedLatents(), first.fixedClasses(), true);
  }
  Trainer second(config, data);
  second.load(dir + "/half.gsck");
  for (int i = n; i < 2 * n; ++i) EXPECT_EQ(numbers(second.step()), expected[size_t(i)]) << "step " << i;
  EXPECT_TRUE(test::sameWeights(*second.generator(), *straight.generator()));
  EXPECT_TRUE(test::sameWeights(*second.discriminator(), *straight.discriminator()));
  EXPECT_TRUE(test::sameWeights(*second.emaGenerator(), *straight.emaGenerator()));

  // The labels are part of the data a checkpoint belongs to: other labels on the same images are refused.
  std::vector<int64_t> swapped(data->labels().begin(), data->labels().end());
  for (auto& l : swapped) l = 1 - l;
  const auto images = ImageDataset::fromPixels(
      std::vector<uint8_t>(data->image(0), data->image(0) + data->imageBytes() * size_t(data->size())), data->size(),
      3, 32);
  Trainer other(config, ImageDataset::withLabels(*images, swapped, {"red", "blue"}));
  EXPECT_THROW(other.load(dir + "/half.gsck"), GanscopeError);
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Losses, ConditionalResume,
                         ::testing::Values(Variant{"ns", conditional(LossKind::NonSaturating)},
                                           Variant{"minimax", conditional(LossKind::Minimax)},
                                           Variant{"ns_reused_fakes", reusingFakes()},
                                           Variant{"wgan_gp_dsteps2", conditional(LossKind::WganGp, 0, 2)},
                                           Variant{"hinge_lazy_r1", conditional(LossKind::Hinge, 0.5)},
                                           Variant{"style_lazy_r1", conditionalStyle()}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ConditionalTraining, FixedGridHasOneRowPerClass) {
  TrainConfig c = conditional(LossKind::NonSaturating);
  c.grid_size = 4;
  Trainer t(c, twoColourDataset(16));
  EXPECT_EQ(t.fixedLatents().size(0), 2 * 4);
  EXPECT_TRUE(at::equal(t.fixedClasses(), at::tensor(std::vector<int64_t>{0, 0, 0, 0, 1, 1, 1, 1})));
  const at::Tensor images = t.sample(t.fixedLatents(), t.fixedClasses(), true);
  EXPECT_EQ(images.sizes(), (at::IntArrayRef{8, 3, 32, 32}));

  TrainConfig plain = test::tinyConfig();
  Trainer u(plain, test::shapesDataset(16));
  EXPECT_EQ(u.fixedLatents().size(0), 9);
  EXPECT_FALSE(u.fixedClasses().defined());
}

TEST(ConditionalTraining, ConfigAndDataMustAgree) {
  // Conditional training on a dataset without labels.
  TrainConfig c = conditional(LossKind::NonSaturating);
  try {
    Trainer t(c, test::shapesDataset(16));
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("no class labels"), std::string::npos) << e.what();
  }
  // A config that asks for classes with class labels off.
  TrainConfig d = test::tinyConfig();
  d.model.num_classes = 2;
  d.model.class_names = {"a", "b"};
  EXPECT_THROW(Trainer(d, test::shapesDataset(16)), GanscopeError);
  // An unconditional run on labelled data ignores the labels.
  Trainer u(test::tinyConfig(), twoColourDataset(16));
  EXPECT_EQ(u.config().model.num_classes, 0);
}

// The class is learned: after a few hundred steps on 32 px images, G draws red for class 0 and blue for class 1
// from the same latents.
TEST(ConditionalTraining, TwoClassToyLearnsTheClassColour) {
  TrainConfig c = reusingFakes();  // as a new DCGAN run: G's step on D's fakes, with the reals' classes
  c.model.g_width = c.model.d_width = 8;
  c.optim.lr_g = c.optim.lr_d = 5e-4;
  const auto data = twoColourDataset(64);
  Trainer t(c, data);
  for (int i = 0; i < 200; ++i) t.step();
  const at::Tensor z = at::randn({32, 32}, at::detail::createCPUGenerator(9));
  auto redMinusBlue = [&](int64_t k) {
    const at::Tensor x = t.sample(z, at::full({32}, k, at::kLong), /*use_ema=*/false);
    return (x.select(1, 0) - x.select(1, 2)).mean().item<double>();
  };
  const double red = redMinusBlue(0), blue = redMinusBlue(1);
  // The data: red - blue is about +0.9 for class 0 and -0.9 for class 1 (in [-1, 1] units).
  EXPECT_GT(red, 0.3) << "class 0 should be red";
  EXPECT_LT(blue, -0.3) << "class 1 should be blue";

  // D's features put the generated images of each class in that class (nearest class centroid of the reals).
  const at::Tensor asked = at::cat({at::zeros({32}, at::kLong), at::ones({32}, at::kLong)});
  const at::Tensor images = t.sample(z.repeat({2, 1}), asked, false);
  double real_agreement = 0;
  const ClassCoverage cov = classCoverage(*t.discriminator(), images, asked, realSample(*data, 64, 1),
                                          realSampleLabels(*data, 64, 1), 2, &real_agreement);
  EXPECT_TRUE(cov.flagged.empty()) << cov.share[0] << " " << cov.share[1];
  EXPECT_GT(cov.agreement, 0.9);
  EXPECT_GT(real_agreement, 0.9);
  // A generator that draws only red for both classes: class 1 ("blue") is flagged as dropped.
  const at::Tensor all_red = t.sample(z.repeat({2, 1}), at::zeros({64}, at::kLong), false);
  const ClassCoverage dropped = classCoverage(*t.discriminator(), all_red, asked, realSample(*data, 64, 1),
                                              realSampleLabels(*data, 64, 1), 2);
  EXPECT_EQ(dropped.flagged, (std::vector<int>{1})) << dropped.share[0] << " " << dropped.share[1];
}

}  // namespace
}  // namespace gs

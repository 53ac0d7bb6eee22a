// Exact resume: N steps, save, a fresh Trainer loads, N more steps == 2N steps straight, bitwise on the CPU.
#include <gtest/gtest.h>

#include <filesystem>

#include "training/trainer.h"
#include "training/tiny_data.h"

namespace gs {
namespace {

struct Variant {
  const char* name;
  TrainConfig config;
};
void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }

std::vector<double> numbers(const StepStats& s) {
  return {double(s.step), double(s.images_seen), s.g_loss, s.d_loss, s.penalty, s.d_real, s.d_fake,
          s.g_grad_norm, s.d_grad_norm};
}

class ExactResume : public ::testing::TestWithParam<Variant> {};

TEST_P(ExactResume, SplitRunEqualsStraightRun) {
  const TrainConfig config = GetParam().config;
  const auto data = test::shapesDataset(/*n=*/40);  // batches cross epoch boundaries
  const std::string dir = test::tempDir("resume");
  const int n = 4;

  Trainer straight(config, data);
  std::vector<std::vector<double>> expected;
  for (int i = 0; i < 2 * n; ++i) expected.push_back(numbers(straight.step()));

  {
    Trainer first(config, data);
    for (int i = 0; i < n; ++i) ASSERT_EQ(numbers(first.step()), expected[i]) << "step " << i;
    first.save(dir + "/half.gsck");
    // Sampling between steps (as the run loop does) must not disturb the run.
    first.sample(first.fixedLatents(), true);
  }
  Trainer second(config, data);
  second.load(dir + "/half.gsck");
  EXPECT_EQ(second.stepCount(), n);
  for (int i = n; i < 2 * n; ++i) EXPECT_EQ(numbers(second.step()), expected[i]) << "step " << i;
  EXPECT_TRUE(test::sameWeights(*second.generator(), *straight.generator()));
  EXPECT_TRUE(test::sameWeights(*second.discriminator(), *straight.discriminator()));
  EXPECT_TRUE(test::sameWeights(*second.emaGenerator(), *straight.emaGenerator()));
  std::filesystem::remove_all(dir);
}

TrainConfig withLoss(LossKind loss, int d_steps = 1, double r1 = 0) {
  TrainConfig c = test::tinyConfig(loss);
  c.optim.d_steps = d_steps;
  c.optim.r1_gamma = r1;
  c.optim.r1_interval = 3;
  c.optim.ema_kimg = 0.5;
  return c;
}

// Style-based: style mixing, training noise and the w_avg buffer all come from RNGs the checkpoint restores.
TrainConfig styleRun() {
  TrainConfig c = withLoss(LossKind::NonSaturating, 1, 1.0);
  c.model.kind = ModelKind::Style;
  c.model.g_width = c.model.d_width = 4;
  c.model.mapping_layers = 2;
  c.optim.beta1 = 0.0;
  c.optim.beta2 = 0.99;
  return c;
}

INSTANTIATE_TEST_SUITE_P(Variants, ExactResume,
                         ::testing::Values(Variant{"ns", withLoss(LossKind::NonSaturating)},
                                           Variant{"wgan_gp_dsteps2", withLoss(LossKind::WganGp, 2)},
                                           Variant{"hinge_lazy_r1", withLoss(LossKind::Hinge, 1, 0.5)},
                                           Variant{"style_lazy_r1", styleRun()}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace gs

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
  int half = 4;  // steps before the checkpoint (and after it)
};
void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }

std::vector<double> numbers(const StepStats& s) {
  return {double(s.step), double(s.images_seen), s.g_loss, s.d_loss, s.penalty, s.d_real, s.d_fake,
          s.g_grad_norm, s.d_grad_norm, s.augment_p, s.ada_rt};
}

class ExactResume : public ::testing::TestWithParam<Variant> {};

TEST_P(ExactResume, SplitRunEqualsStraightRun) {
  const TrainConfig config = GetParam().config;
  const auto data = test::shapesDataset(/*n=*/40);  // batches cross epoch boundaries
  const std::string dir = test::tempDir("resume");
  const int n = GetParam().half;

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

// G's step on the last D step's fakes (the DCGAN default of a new run).
TrainConfig reusingFakes(LossKind loss, int d_steps = 1) {
  TrainConfig c = withLoss(loss, d_steps);
  c.optim.reuse_fakes = true;
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

// Augmentation on: its generator, the adapted p and r_t's half-filled interval all come back from the checkpoint.
TrainConfig augmented(AugmentKind kind, double fixed_p = -1) {
  TrainConfig c = withLoss(LossKind::NonSaturating, 1, 0.5);
  c.optim.augment = kind;
  c.optim.augment_p = fixed_p;
  c.optim.ada_target = -0.9;  // p rises every interval: r_t is above this from the start
  c.optim.ada_kimg = 0.5;     // 64 reals per interval move p by 0.128
  return c;
}

INSTANTIATE_TEST_SUITE_P(Variants, ExactResume,
                         ::testing::Values(Variant{"ns", withLoss(LossKind::NonSaturating)},
                                           Variant{"wgan_gp_dsteps2", withLoss(LossKind::WganGp, 2)},
                                           Variant{"ns_reused_fakes", reusingFakes(LossKind::NonSaturating)},
                                           Variant{"wgan_gp_dsteps2_reused", reusingFakes(LossKind::WganGp, 2)},
                                           Variant{"hinge_lazy_r1", withLoss(LossKind::Hinge, 1, 0.5)},
                                           Variant{"style_lazy_r1", styleRun()},
                                           // 6 steps: the checkpoint falls inside ADA's 4-step interval.
                                           Variant{"ada_adaptive", augmented(AugmentKind::Ada), 6},
                                           Variant{"ada_fixed_p", augmented(AugmentKind::Ada, 0.7)},
                                           Variant{"diffaug", augmented(AugmentKind::DiffAug)}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ExactResume, AdaptedProbabilityRisesAndIsCheckpointed) {
  TrainConfig c = withLoss(LossKind::NonSaturating);
  c.optim.augment = AugmentKind::Ada;
  c.optim.ada_target = -0.9;
  c.optim.ada_kimg = 0.5;
  const auto data = test::shapesDataset(/*n=*/40);
  Trainer t(c, data);
  StepStats s;
  for (int i = 0; i < 8; ++i) s = t.step();
  EXPECT_TRUE(s.augmenting);
  EXPECT_NEAR(s.augment_p, 2 * 64 / 500.0, 1e-9);  // two intervals of 4 steps x 16 reals
  const std::string dir = test::tempDir("resume-ada");
  t.save(dir + "/p.gsck");
  Trainer back(c, data);
  back.load(dir + "/p.gsck");
  EXPECT_NEAR(back.step().augment_p, s.augment_p, 1e-12);  // step 9 is inside the next interval
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gs

// Training steps: a short real run learns, every loss and penalty path runs, stats are complete, runs repeat.
#include <gtest/gtest.h>

#include <cmath>

#include "training/ema.h"
#include "training/trainer.h"
#include "training/tiny_data.h"
#include "util/error.h"

namespace gs {
namespace {

bool finite(const StepStats& s) {
  for (double v : {s.g_loss, s.d_loss, s.penalty, s.d_real, s.d_fake, s.g_grad_norm, s.d_grad_norm})
    if (!std::isfinite(v)) return false;
  return true;
}

// 60 steps on easy data, G's step on new latents or on the D step's fakes.
void shortRealRunLearnsAndStaysFinite(bool reuse_fakes) {
  TrainConfig c = test::tinyConfig();
  c.optim.reuse_fakes = reuse_fakes;
  Trainer t(c, test::shapesDataset());
  std::vector<StepStats> stats;
  for (int i = 0; i < 60; ++i) stats.push_back(t.step());
  for (const auto& s : stats) ASSERT_TRUE(finite(s)) << "step " << s.step;
  // At the start D can't tell real from fake; after 60 steps on this easy data it can.
  auto gap = [&](size_t from, size_t to) {
    double sum = 0;
    for (size_t i = from; i < to; ++i) sum += stats[i].d_real - stats[i].d_fake;
    return sum / static_cast<double>(to - from);
  };
  const double early = gap(0, 3), late = gap(50, 60);
  EXPECT_LT(std::abs(early), 0.15) << "D should start undecided";
  EXPECT_GT(late, early + 0.1) << "D(x) - D(G(z)) should grow: early " << early << ", late " << late;
  const StepStats& last = stats.back();
  EXPECT_EQ(last.step, 60);
  EXPECT_EQ(t.stepCount(), 60);
  EXPECT_EQ(last.images_seen, 60 * 16);
  EXPECT_GT(last.g_grad_norm, 0);
  EXPECT_GT(last.d_grad_norm, 0);
  EXPECT_GT(last.seconds, 0);
  EXPECT_NEAR(last.images_per_second, 16 / last.seconds, 1e-6 * last.images_per_second);
  EXPECT_EQ(last.penalty, 0);
  EXPECT_GT(last.d_real, 0);
  EXPECT_LT(last.d_real, 1);  // a probability for the logistic loss
}

TEST(TrainerStep, ShortRealRunLearnsAndStaysFinite) { shortRealRunLearnsAndStaysFinite(false); }
TEST(TrainerStep, ShortRealRunOnReusedFakesLearnsToo) { shortRealRunLearnsAndStaysFinite(true); }

// G's BatchNorm counts the batches G ran on in training mode: one per generator forward.
int64_t generatorForwards(Trainer& t) {
  for (const auto& b : t.generator()->named_buffers())
    if (b.key().find("num_batches_tracked") != std::string::npos) return b.value().item<int64_t>();
  return -1;
}

TEST(TrainerStep, ReusedFakesSaveOneGeneratorForwardPerStep) {
  auto forwards = [](bool reuse, int d_steps) {
    TrainConfig c = test::tinyConfig(d_steps > 1 ? LossKind::WganGp : LossKind::NonSaturating);
    c.optim.reuse_fakes = reuse;
    c.optim.d_steps = d_steps;
    Trainer t(c, test::shapesDataset());
    for (int i = 0; i < 3; ++i) t.step();
    return generatorForwards(t);
  };
  EXPECT_EQ(forwards(false, 1), 6);  // D's fakes, then G's own
  EXPECT_EQ(forwards(true, 1), 3);
  EXPECT_EQ(forwards(false, 3), 12);
  EXPECT_EQ(forwards(true, 3), 9);  // G's step takes the last D step's fakes
}

class EveryLoss : public ::testing::TestWithParam<LossKind> {};

TEST_P(EveryLoss, FiveStepsFinite) {
  Trainer t(test::tinyConfig(GetParam()), test::shapesDataset());
  for (int i = 0; i < 5; ++i) {
    const StepStats s = t.step();
    ASSERT_TRUE(finite(s)) << toString(GetParam()) << " step " << i;
    if (GetParam() == LossKind::WganGp) {
      EXPECT_GT(s.penalty, 0) << "gradient penalty should be reported";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Losses, EveryLoss,
                         ::testing::Values(LossKind::Minimax, LossKind::NonSaturating, LossKind::WganGp,
                                           LossKind::Hinge),
                         [](const auto& info) {
                           std::string n = toString(info.param);
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(TrainerStep, SeveralDiscriminatorStepsPerGeneratorStep) {
  TrainConfig c = test::tinyConfig(LossKind::WganGp);
  c.optim.d_steps = 3;
  Trainer t(c, test::shapesDataset());
  StepStats s;
  for (int i = 0; i < 2; ++i) s = t.step();
  EXPECT_TRUE(finite(s));
  EXPECT_EQ(s.step, 2);
  EXPECT_EQ(s.images_seen, 2 * 3 * 16);  // D sees a fresh real batch on each of its steps
}

TEST(TrainerStep, LazyR1PenaltyRuns) {
  TrainConfig c = test::tinyConfig(LossKind::NonSaturating);
  c.optim.r1_gamma = 1.0;
  c.optim.r1_interval = 2;
  Trainer t(c, test::shapesDataset());
  for (int i = 0; i < 4; ++i) {
    const StepStats s = t.step();
    ASSERT_TRUE(finite(s));
    EXPECT_GT(s.penalty, 0) << "step " << i << ": R1 (or the last R1 value) should be shown";
  }
}

TEST(TrainerStep, SameSeedSameLossesOtherSeedDifferent) {
  auto run = [](uint64_t seed) {
    TrainConfig c = test::tinyConfig(LossKind::WganGp);  // includes the random interpolation of the penalty
    c.seed = seed;
    Trainer t(c, test::shapesDataset());
    std::vector<double> v;
    for (int i = 0; i < 4; ++i) {
      const StepStats s = t.step();
      v.insert(v.end(), {s.g_loss, s.d_loss, s.penalty, s.d_real, s.d_fake});
    }
    return v;
  };
  const auto a = run(5), b = run(5), c = run(6);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(TrainerStep, EmaFollowsGenerator) {
  EXPECT_DOUBLE_EQ(emaBeta(16, 0.0), 0.0);
  EXPECT_NEAR(emaBeta(500, 1.0), std::sqrt(0.5), 1e-12);  // half a half-life

  TrainConfig copy = test::tinyConfig();
  copy.optim.ema_kimg = 0;
  Trainer a(copy, test::shapesDataset());
  for (int i = 0; i < 3; ++i) a.step();
  EXPECT_TRUE(test::sameWeights(*a.emaGenerator(), *a.generator())) << "ema_kimg 0: EMA is a copy of G";

  TrainConfig avg = test::tinyConfig();
  avg.optim.ema_kimg = 1.0;
  Trainer b(avg, test::shapesDataset());
  const at::Tensor before = b.emaGenerator()->parameters()[0].clone();
  for (int i = 0; i < 3; ++i) b.step();
  const at::Tensor ema = b.emaGenerator()->parameters()[0];
  const at::Tensor g = b.generator()->parameters()[0];
  EXPECT_FALSE(at::equal(ema, g));
  EXPECT_FALSE(at::equal(ema, before));
  // The average lies between where it started and where G went (per element, loosely: closer to the start).
  EXPECT_LT((ema - before).abs().sum().item<double>(), (g - before).abs().sum().item<double>());
}

TEST(TrainerStep, FixedLatentsDependOnSeedOnly) {
  Trainer t(test::tinyConfig(), test::shapesDataset());
  const at::Tensor z0 = t.fixedLatents();
  EXPECT_EQ(z0.sizes(), (std::vector<int64_t>{9, 32}));
  t.step();
  EXPECT_TRUE(at::equal(z0, t.fixedLatents()));
  TrainConfig other = test::tinyConfig();
  other.seed = 43;
  Trainer u(other, test::shapesDataset());
  EXPECT_FALSE(at::equal(z0, u.fixedLatents()));
}

TEST(TrainerStep, SampleIsCpuImagesAndKeepsTrainMode) {
  Trainer t(test::tinyConfig(), test::shapesDataset());
  t.step();
  const at::Tensor z = t.fixedLatents();
  for (bool ema : {true, false}) {
    const at::Tensor x = t.sample(z, ema);
    EXPECT_EQ(x.sizes(), (std::vector<int64_t>{9, 3, 32, 32}));
    EXPECT_TRUE(x.device().is_cpu());
    EXPECT_FALSE(x.requires_grad());
    EXPECT_LE(x.abs().max().item<double>(), 1.0);
    EXPECT_TRUE(at::equal(x, t.sample(z, ema))) << "sampling must not depend on or change state";
  }
  EXPECT_TRUE(t.generator()->is_training());
  EXPECT_THROW(t.sample(at::zeros({2, 5})), c10::Error);
}

TEST(TrainerStep, ResolutionMismatchIsAClearError) {
  TrainConfig c = test::tinyConfig();
  c.data.resolution = 64;
  try {
    Trainer t(c, test::shapesDataset());
    FAIL() << "expected GanscopeError";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("64"), std::string::npos) << e.what();
  }
}

TEST(TrainerStep, ChannelsComeFromTheDataset) {
  TrainConfig c = test::tinyConfig();
  c.model.channels = 0;
  Trainer t(c, test::shapesDataset());
  EXPECT_EQ(t.config().model.channels, 3);
  EXPECT_TRUE(t.device().is_cpu());
}

}  // namespace
}  // namespace gs

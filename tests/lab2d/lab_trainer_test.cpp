// The lab trainer: determinism, chunking, stopping, settings checks and every loss on short runs. The default
// runs against the targets are in lab_targets_test.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "lab2d/lab_trainer.h"
#include "util/error.h"

using namespace gs;

namespace {

Lab2dConfig quickConfig(int64_t steps) {
  Lab2dConfig c;
  c.steps = steps;
  c.batch = 64;
  c.g.width = c.d.width = 32;
  c.eval_samples = 500;
  c.diversity_samples = 200;
  return c;
}

}  // namespace

TEST(Lab2dTrainer, SameSeedSameRunHoweverChunkedOrMeasured) {
  Lab2dTrainer a(quickConfig(40), ringMixture());
  Lab2dTrainer b(quickConfig(40), ringMixture());
  EXPECT_EQ(a.train(40), 40);
  EXPECT_EQ(b.train(15), 15);
  b.measure();
  b.generate(300);
  EXPECT_EQ(b.train(25), 25);
  EXPECT_EQ(a.decisionSurface(1.5, 16).values, b.decisionSurface(1.5, 16).values);

  Lab2dConfig other = quickConfig(40);
  other.seed = 2;
  Lab2dTrainer c(other, ringMixture());
  c.train(40);
  EXPECT_NE(a.decisionSurface(1.5, 16).values, c.decisionSurface(1.5, 16).values);
}

TEST(Lab2dTrainer, StopsAtTheConfiguredSteps) {
  Lab2dTrainer t(quickConfig(30), gridMixture());
  EXPECT_EQ(t.train(20), 20);
  EXPECT_FALSE(t.done());
  EXPECT_EQ(t.train(20), 10);
  EXPECT_TRUE(t.done());
  EXPECT_EQ(t.train(5), 0);
  EXPECT_EQ(t.step(), 30);
}

TEST(Lab2dTrainer, RejectsSettingsOutOfRange) {
  Lab2dConfig c = quickConfig(10);
  c.pack = 3;  // 64 is not a multiple of 3
  EXPECT_THROW(Lab2dTrainer(c, ringMixture()), GanscopeError);
  c = quickConfig(10);
  c.lr_d = 0;
  EXPECT_THROW(Lab2dTrainer(c, ringMixture()), GanscopeError);
}

TEST(Lab2dTrainer, EveryLossAndPackingTrainsToFiniteNumbers) {
  for (LossKind loss : {LossKind::NonSaturating, LossKind::Minimax, LossKind::WganGp, LossKind::Hinge}) {
    for (int pack : {1, 2}) {
      Lab2dConfig c = quickConfig(20);
      c.loss = loss;
      c.pack = pack;
      Lab2dTrainer t(c, drawnMixture({{0.5, 0.5}, {-0.5, 0.0}}, 0.05));
      t.train(20);
      const Lab2dMeasures m = t.measure();
      SCOPED_TRACE(toString(loss) + " pack " + std::to_string(pack));
      EXPECT_TRUE(std::isfinite(m.g_loss) && std::isfinite(m.d_loss));
      EXPECT_TRUE(std::isfinite(m.diversity_ratio));
      EXPECT_EQ(m.coverage.samples, 500);
      const Field2d surface = t.decisionSurface(1.0, 8);
      ASSERT_EQ(surface.values.size(), 64u);
      for (float v : surface.values) EXPECT_TRUE(std::isfinite(v));
      if (loss == LossKind::NonSaturating || loss == LossKind::Minimax) {
        for (float v : surface.values) EXPECT_TRUE(v >= 0 && v <= 1);
      }
    }
  }
}

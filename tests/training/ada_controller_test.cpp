// ADA's controller: r_t over each 4-step interval, p up when r_t is above the target, down when below, clamped.
#include <gtest/gtest.h>

#include "training/ada_controller.h"

namespace gs {
namespace {

OptimConfig ada(double kimg = 0.064) {
  OptimConfig o;
  o.augment = AugmentKind::Ada;
  o.ada_target = 0.6;
  o.ada_kimg = kimg;  // p moves by (reals in the interval) / (kimg * 1000)
  return o;
}

// `steps` steps of 16 reals, `positive` of them scored above 0.
void run(AdaController& c, int64_t& step, int steps, int positive) {
  for (int i = 0; i < steps; ++i) {
    at::Tensor scores = at::full({16}, -1.0f);
    scores.slice(0, 0, positive).fill_(2.0f);
    c.observe(scores);
    c.afterStep(++step);
  }
}

TEST(AdaController, RaisesPWhileRtIsAboveTheTargetAndLowersItBelow) {
  AdaController c(ada(0.64));  // 64 reals per interval: p moves 0.1 per interval
  int64_t step = 0;
  run(c, step, 3, 16);
  EXPECT_EQ(c.p(), 0.0);  // no interval closed yet
  run(c, step, 1, 16);
  EXPECT_DOUBLE_EQ(c.rt(), 1.0);
  EXPECT_NEAR(c.p(), 0.1, 1e-12);
  run(c, step, 8, 14);  // r_t = (14 - 2) / 16 = 0.75 > 0.6
  EXPECT_NEAR(c.rt(), 0.75, 1e-12);
  EXPECT_NEAR(c.p(), 0.3, 1e-12);
  run(c, step, 4, 8);  // r_t = 0 < 0.6
  EXPECT_NEAR(c.rt(), 0.0, 1e-12);
  EXPECT_NEAR(c.p(), 0.2, 1e-12);
}

TEST(AdaController, ClampsPToZeroAndBelowOne) {
  AdaController low(ada(0.64));
  int64_t step = 0;
  run(low, step, 40, 0);
  EXPECT_EQ(low.p(), 0.0);
  AdaController high(ada(0.01));  // every interval moves p by 6.4
  step = 0;
  run(high, step, 8, 16);
  EXPECT_LT(high.p(), 1.0);
  EXPECT_GT(high.p(), 0.999);
}

TEST(AdaController, FixedPAndOtherKindsDoNotAdaptButStillMeasureRt) {
  OptimConfig fixed = ada();
  fixed.augment_p = 0.3;
  AdaController c(fixed);
  int64_t step = 0;
  run(c, step, 8, 16);
  EXPECT_DOUBLE_EQ(c.p(), 0.3);
  EXPECT_DOUBLE_EQ(c.rt(), 1.0);
  OptimConfig none = ada();
  none.augment = AugmentKind::None;
  AdaController n(none);
  step = 0;
  run(n, step, 4, 4);
  EXPECT_EQ(n.p(), 0.0);
  EXPECT_FALSE(n.augmenting());
  EXPECT_DOUBLE_EQ(n.rt(), -0.5);
  OptimConfig diff = ada();
  diff.augment = AugmentKind::DiffAug;
  EXPECT_EQ(AdaController(diff).p(), 1.0);
}

TEST(AdaController, StateRoundTrips) {
  AdaController c(ada(0.64));
  int64_t step = 0;
  run(c, step, 6, 16);  // one interval closed, two steps into the next
  AdaController d(ada(0.64));
  d.restore(c.state());
  run(c, step, 2, 0);
  step -= 2;
  run(d, step, 2, 0);
  EXPECT_EQ(c.p(), d.p());
  EXPECT_EQ(c.rt(), d.rt());
}

}  // namespace
}  // namespace gs

// The lab as the test bed of the health alarms: runs made to collapse raise the mode-collapse alarm; healthy
// runs (the default ring and grid runs of lab_targets_test.cpp) do not.
#include <gtest/gtest.h>

#include "lab2d/lab_trainer.h"

using namespace gs;

namespace {

bool raisedCollapse(const Lab2dTrainer& t) {
  for (const Alarm& a : t.health().history())
    if (a.kind == AlarmKind::ModeCollapse) return true;
  return false;
}

// The saturating (minimax) loss against a discriminator that learns a thousand times faster than G and takes
// two steps per G step: D wins at once, G's gradient vanishes and its points stay piled where they started.
// (With a merely ten times faster D and the default decay, G still spreads out in this lab.)
Lab2dConfig strongDiscriminatorMinimax(uint64_t seed) {
  Lab2dConfig c;
  c.loss = LossKind::Minimax;
  c.lr_d = 1e-2;
  c.lr_g = 1e-5;
  c.d_steps = 2;
  c.decay_from = 1.0;
  c.steps = 800;
  c.batch = 128;
  c.seed = seed;
  return c;
}

// Non-saturating loss with a learning rate fifty times too high: G jumps between a few modes.
Lab2dConfig tooHighLearningRate(uint64_t seed) {
  Lab2dConfig c;
  c.lr_g = c.lr_d = 5e-2;
  c.decay_from = 1.0;
  c.steps = 1000;
  c.batch = 128;
  c.seed = seed;
  return c;
}

}  // namespace

// Runs `make(seed)` on the ring and the grid for each seed and expects the collapse alarm every time.
static void expectCollapseRaised(Lab2dConfig (*make)(uint64_t), std::initializer_list<uint64_t> seeds) {
  for (uint64_t seed : seeds) {
    for (const PointMixture& m : {ringMixture(), gridMixture()}) {
      Lab2dTrainer t(make(seed), m);
      const Lab2dMeasures last = runLab2d(t);
      SCOPED_TRACE(m.name + " seed " + std::to_string(seed));
      EXPECT_TRUE(raisedCollapse(t)) << "modes " << last.coverage.modes_captured << " diversity "
                                     << last.diversity_ratio << " excess " << last.mode_excess;
    }
  }
}

TEST(Lab2dHealth, MinimaxWithStrongDiscriminatorRaisesCollapse) {
  expectCollapseRaised(strongDiscriminatorMinimax, {1});
}

TEST(Lab2dHealth, TooHighLearningRateRaisesCollapse) {
  expectCollapseRaised(tooHighLearningRate, {1, 2});
}

TEST(Lab2dHealth, NoAlarmsBeforeTheWarmUp) {
  Lab2dConfig c = strongDiscriminatorMinimax(1);
  c.steps = c.health_warmup - c.measure_every;  // the last measurement falls before the warm-up ends
  Lab2dTrainer t(c, ringMixture());
  runLab2d(t);
  EXPECT_TRUE(t.health().history().empty());
}

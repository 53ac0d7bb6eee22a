// The health monitor on small deterministic synthetic runs: every deliberately failing sequence raises its named
// alarm, every healthy one raises none.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "metrics/training_health.h"

namespace gs {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A logistic run that trains well: noisy but level losses, D(G(z)) near 0.35, steady gradients, diversity every
// 10 steps near 0.9 with few duplicates. `tweak` bends one aspect of it per step.
std::vector<HealthSample> healthyRun(int steps, uint32_t seed,
                                     const std::function<void(int, HealthSample&)>& tweak = {}) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<HealthSample> run;
  for (int i = 1; i <= steps; ++i) {
    HealthSample s;
    s.step = i;
    s.g_loss = 1.2 + 0.1 * noise(rng);
    s.d_loss = 1.1 + 0.1 * noise(rng);
    s.d_real = 0.65 + 0.03 * noise(rng);
    s.d_fake = 0.35 + 0.03 * noise(rng);
    s.g_grad_norm = 2.0 + 0.2 * noise(rng);
    if (i % 10 == 0) {
      s.diversity_ratio = 0.9 + 0.03 * noise(rng);
      s.duplicate_fraction = 0.02;
    }
    if (tweak) tweak(i, s);
    run.push_back(s);
  }
  return run;
}

std::vector<Alarm> feed(TrainingHealthMonitor& monitor, const std::vector<HealthSample>& run) {
  std::vector<Alarm> all;
  for (const HealthSample& s : run)
    for (Alarm& a : monitor.observe(s)) all.push_back(std::move(a));
  return all;
}

std::vector<AlarmKind> kindsOf(const std::vector<Alarm>& alarms) {
  std::vector<AlarmKind> kinds;
  for (const Alarm& a : alarms) kinds.push_back(a.kind);
  return kinds;
}

std::vector<AlarmKind> alarmsFor(const std::vector<HealthSample>& run, HealthOptions options = {}) {
  TrainingHealthMonitor monitor(options);
  return kindsOf(feed(monitor, run));
}

using Kinds = std::vector<AlarmKind>;

TEST(HealthMonitor, HealthyRunsRaiseNothing) {
  for (uint32_t seed = 1; seed <= 5; ++seed) EXPECT_EQ(alarmsFor(healthyRun(600, seed)), Kinds{}) << seed;
  // A generator loss that falls steadily, with noise.
  EXPECT_EQ(alarmsFor(healthyRun(600, 7, [](int i, HealthSample& s) { s.g_loss += 2.0 - i / 300.0; })), Kinds{});
  // Diversity low at the start but climbing back (normal early training), duplicates falling with it.
  EXPECT_EQ(alarmsFor(healthyRun(600, 8,
                                 [](int i, HealthSample& s) {
                                   if (!std::isfinite(s.diversity_ratio)) return;
                                   s.diversity_ratio = std::min(0.9, 0.1 + i / 200.0);
                                   s.duplicate_fraction = std::max(0.0, 0.8 - i / 150.0);
                                 })),
            Kinds{});
  // A critic (WGAN-GP) whose real-fake gap shrinks as G improves.
  EXPECT_EQ(alarmsFor(healthyRun(600, 9,
                                 [](int i, HealthSample& s) {
                                   s.logistic = false;
                                   s.d_real = 5.0 * std::exp(-i / 200.0) + 0.5;
                                   s.d_fake = -s.d_real;
                                   s.g_loss = -s.d_fake;
                                 })),
            Kinds{});
  // Step noise three times larger than usual is noise, not oscillation.
  EXPECT_EQ(alarmsFor(healthyRun(600, 10, [](int, HealthSample& s) { s.g_loss = 1.2 + 3 * (s.g_loss - 1.2); })),
            Kinds{});
}

// A G that creeps outwards from a point: diversity 0.005 climbing 15% per measurement, most samples duplicates.
// By default the climb excuses it (early training looks like this); with a recovering floor (the 2D lab, where a
// healthy G has covered the data by the end of the warm-up) it is collapse, and a climb above the floor is not.
TEST(HealthMonitor, RecoveringFloorFlagsAGeneratorCreepingOutwards) {
  const auto creeping = [](double start) {
    return healthyRun(400, 11, [start](int i, HealthSample& s) {
      if (!std::isfinite(s.diversity_ratio)) return;
      s.diversity_ratio = start * std::pow(1.15, i / 10.0);
      s.duplicate_fraction = 0.9;
    });
  };
  EXPECT_EQ(alarmsFor(creeping(0.005)), Kinds{});
  HealthOptions floor;
  floor.collapse_recovering_floor = 0.25;
  EXPECT_EQ(alarmsFor(creeping(0.005), floor), Kinds{AlarmKind::ModeCollapse});
  // Starting at 0.3 (above the floor) and climbing: still excused.
  EXPECT_EQ(alarmsFor(healthyRun(400, 12,
                                 [](int i, HealthSample& s) {
                                   if (!std::isfinite(s.diversity_ratio)) return;
                                   s.diversity_ratio = std::min(0.9, 0.3 * std::pow(1.15, i / 10.0));
                                   s.duplicate_fraction = 0.5;
                                 }),
                      floor),
            Kinds{});
}

TEST(HealthMonitor, DiversityFallingWithDuplicatesRisingIsCollapse) {
  const auto run = healthyRun(600, 2, [](int i, HealthSample& s) {
    if (!std::isfinite(s.diversity_ratio) || i < 300) return;
    s.diversity_ratio = std::max(0.12, 0.9 - (i - 300) / 100.0);
    s.duplicate_fraction = std::min(0.7, (i - 300) / 150.0);
  });
  TrainingHealthMonitor monitor;
  const auto alarms = feed(monitor, run);
  ASSERT_EQ(kindsOf(alarms), Kinds{AlarmKind::ModeCollapse});  // raised once, not at every measurement
  EXPECT_GT(alarms[0].step, 300);
  EXPECT_LT(alarms[0].step, 450);
  EXPECT_NE(alarms[0].message.find("diverse"), std::string::npos);
  EXPECT_EQ(alarms[0].remedies.front(), "mbstd");
  EXPECT_EQ(kindsOf(monitor.active()), Kinds{AlarmKind::ModeCollapse});
  EXPECT_NE(formatAlarm(alarms[0]).find("mode-collapse"), std::string::npos);
}

TEST(HealthMonitor, VeryLowDiversityIsCollapseEvenWithoutDuplicateCounts) {
  EXPECT_EQ(alarmsFor(healthyRun(300, 3,
                                 [](int i, HealthSample& s) {
                                   if (!std::isfinite(s.diversity_ratio) || i < 100) return;
                                   s.diversity_ratio = 0.1;
                                   s.duplicate_fraction = std::numeric_limits<double>::quiet_NaN();
                                 })),
            Kinds{AlarmKind::ModeCollapse});
  // Low diversity alone (0.4) without duplicates is not enough.
  EXPECT_EQ(alarmsFor(healthyRun(300, 3,
                                 [](int, HealthSample& s) {
                                   if (std::isfinite(s.diversity_ratio)) s.diversity_ratio = 0.4;
                                 })),
            Kinds{});
}

TEST(HealthMonitor, CollapseReArmsOnlyAfterRecovery) {
  // Collapse, recover, collapse again: two alarms.
  const auto run = healthyRun(900, 4, [](int i, HealthSample& s) {
    if (!std::isfinite(s.diversity_ratio)) return;
    const bool collapsed = (i > 200 && i < 400) || i > 600;
    if (collapsed) {
      s.diversity_ratio = 0.2;
      s.duplicate_fraction = 0.5;
    }
  });
  EXPECT_EQ(alarmsFor(run), (Kinds{AlarmKind::ModeCollapse, AlarmKind::ModeCollapse}));
}

TEST(HealthMonitor, FakeScoresPinnedNearZeroMeanDiscriminatorWins) {
  TrainingHealthMonitor monitor;
  const auto alarms = feed(monitor, healthyRun(400, 5, [](int i, HealthSample& s) {
                             if (i > 200) s.d_fake = 0.01 + 0.005 * std::sin(i);
                           }));
  ASSERT_EQ(kindsOf(alarms), Kinds{AlarmKind::DiscriminatorWins});
  EXPECT_EQ(alarms[0].step, 220);  // a whole window of 20 after the drop
  EXPECT_NE(alarms[0].message.find("D(G(z))"), std::string::npos);
  EXPECT_EQ(alarms[0].remedies.front(), "ada");  // D memorising the data is what augmentation counters
}

TEST(HealthMonitor, VanishingGeneratorGradientMeansDiscriminatorWins) {
  // The saturating loss: D(G(z)) stays moderate in this trace but G's gradient dies away.
  EXPECT_EQ(alarmsFor(healthyRun(500, 6,
                                 [](int i, HealthSample& s) {
                                   if (i > 200) s.g_grad_norm *= std::exp(-(i - 200) / 30.0);
                                 })),
            Kinds{AlarmKind::DiscriminatorWins});
}

TEST(HealthMonitor, WideningCriticGapMeansDiscriminatorWins) {
  EXPECT_EQ(alarmsFor(healthyRun(400, 7,
                                 [](int i, HealthSample& s) {
                                   s.logistic = false;
                                   s.d_real = i < 200 ? 1.0 : 1.0 + (i - 200) * 0.1;
                                   s.d_fake = -s.d_real;
                                   s.g_loss = -s.d_fake;
                                 })),
            Kinds{AlarmKind::DiscriminatorWins});
}

TEST(HealthMonitor, SwingingLossWithoutTrendIsOscillation) {
  for (double period : {25.0, 40.0}) {
    const auto run = healthyRun(500, 8, [period](int i, HealthSample& s) {
      if (i > 200) s.g_loss += 1.0 * std::sin(2 * kPi * i / period);
    });
    EXPECT_EQ(alarmsFor(run), Kinds{AlarmKind::Oscillation}) << period;
  }
  // The same swings on a steep downward trend are a loss still learning, not oscillation.
  EXPECT_EQ(alarmsFor(healthyRun(500, 8,
                                 [](int i, HealthSample& s) {
                                   s.g_loss += 0.3 * std::sin(2 * kPi * i / 30.0) + 6.0 - i / 50.0;
                                 })),
            Kinds{});
}

TEST(HealthMonitor, NonFiniteNumbersRaiseAtOnceAndEveryTime) {
  TrainingHealthMonitor monitor;
  auto run = healthyRun(100, 9, [](int i, HealthSample& s) {
    if (i == 30) s.g_loss = std::numeric_limits<double>::infinity();
    if (i == 60) {
      s.non_finite = true;
      s.non_finite_what = "D weights";
    }
  });
  const auto alarms = feed(monitor, run);
  ASSERT_EQ(kindsOf(alarms), (Kinds{AlarmKind::NonFinite, AlarmKind::NonFinite}));
  EXPECT_EQ(alarms[0].step, 30);
  EXPECT_NE(alarms[0].message.find("g_loss"), std::string::npos);
  EXPECT_NE(alarms[1].message.find("D weights"), std::string::npos);
  EXPECT_EQ(alarms[1].remedies.front(), "rollback");
  EXPECT_EQ(monitor.history().size(), 2u);
}

TEST(HealthMonitor, MissingFieldsAreIgnoredAndWarmupHolds) {
  // Only losses, all NaN elsewhere: nothing to judge, nothing raised.
  std::vector<HealthSample> run(200);
  for (int i = 0; i < 200; ++i) run[i].step = i;
  EXPECT_EQ(alarmsFor(run), Kinds{});
  // D wins from the first step, but within the warm-up nothing is raised.
  HealthOptions options;
  options.warmup_steps = 1000;
  EXPECT_EQ(alarmsFor(healthyRun(500, 10, [](int, HealthSample& s) { s.d_fake = 0.01; }), options), Kinds{});
}

TEST(HealthMonitor, RewindForgetsTheFutureButKeepsHistory) {
  TrainingHealthMonitor monitor;
  feed(monitor, healthyRun(300, 11, [](int i, HealthSample& s) {
         if (i > 100) s.d_fake = 0.01;
       }));
  ASSERT_EQ(monitor.history().size(), 1u);
  monitor.rewind(100);
  EXPECT_TRUE(monitor.active().empty());
  EXPECT_EQ(monitor.history().size(), 1u);
  // Back on a healthy path from step 101 on: nothing new.
  auto rest = healthyRun(300, 12);
  rest.erase(rest.begin(), rest.begin() + 100);
  EXPECT_EQ(kindsOf(feed(monitor, rest)), Kinds{});
  monitor.reset();
  EXPECT_TRUE(monitor.history().empty());
}

}  // namespace
}  // namespace gs

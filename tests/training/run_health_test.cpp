// The run loop's health plumbing: health.jsonl and on_health every health_every steps, and the rollback after an
// injected NaN that restores the last checkpoint exactly and trains on.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "temp_dir.h"
#include "tiny_run_config.h"
#include "models/networks.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "training/trainer.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

TrainConfig tinyConfig(const std::string& data) {
  TrainConfig c = tinyRunConfig(12, data);
  c.log_every = 2;
  c.sample_every = 4;
  c.health_every = 4;
  c.checkpoint_every = 5;
  c.keep_checkpoints = 10;
  c.grid_size = 4;
  c.birthday_trials = 1;
  c.threads = 2;
  return c;
}

// Poisons G's first weight once, after step `at`.
std::function<void(Trainer&)> injectNanAfter(int64_t at) {
  auto done = std::make_shared<bool>(false);
  return [at, done](Trainer& t) {
    if (*done || t.stepCount() != at) return;
    *done = true;
    t.generator()->parameters().front().detach().view(-1)[0].fill_(std::nan(""));
  };
}

// Callbacks that poison G after step `at` and collect the alarms raised.
RunCallbacks nanAfter(int64_t at, std::vector<Alarm>& alarms) {
  RunCallbacks cb;
  cb.after_step = injectNanAfter(at);
  cb.on_alarm = [&alarms](const Alarm& a) { alarms.push_back(a); };
  return cb;
}

std::vector<at::Tensor> generatorWeights(const std::string& checkpoint) {
  std::vector<at::Tensor> out;
  for (const auto& p : loadGeneratorFile(checkpoint).generator->parameters()) out.push_back(p.detach().clone());
  return out;
}

class RunHealthTest : public ::testing::Test {
 protected:
  void SetUp() override { test::writeTinyImages(dir_ / "data", 16, 32, 32); }
  test::TempDir dir_;
};

TEST_F(RunHealthTest, HealthRecordsAreWrittenAndReported) {
  std::vector<HealthRecord> seen;
  RunCallbacks cb;
  cb.on_health = [&](const HealthRecord& r) { seen.push_back(r); };
  trainRun(tinyConfig(dir_ / "data"), dir_ / "run", false, cb);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].step, 4);
  EXPECT_EQ(seen[2].step, 12);
  for (const HealthRecord& r : seen) {
    EXPECT_TRUE(std::isfinite(r.pixel_ratio));
    EXPECT_TRUE(std::isfinite(r.feature_ratio));
    EXPECT_GT(r.duplicate_threshold, 0);
    EXPECT_EQ(r.birthday.trials, 1);
    EXPECT_EQ(r.d_fake_hist.counts.size(), 20u);
    for (const auto& g : r.duplicate_groups)
      for (int cell : g) EXPECT_LT(cell, 16);
  }
  HealthTail tail(RunPaths{dir_ / "run"}.health());
  const auto read = tail.poll();
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[1].step, 8);
  EXPECT_EQ(read[1].duplicate_groups, seen[1].duplicate_groups);
}

TEST_F(RunHealthTest, NanRollsBackToTheCheckpointExactlyAndTrainsOn) {
  TrainConfig c = tinyConfig(dir_ / "data");
  c.nan_lr_scale = 1.0;  // same rates: the replay must match an undisturbed run bit for bit
  const RunResult reference = trainRun(c, dir_ / "reference", false, RunCallbacks{});

  std::vector<Alarm> alarms;
  const RunCallbacks cb = nanAfter(7, alarms);
  const RunResult r = trainRun(c, dir_ / "run", false, cb);
  EXPECT_EQ(r.steps_done, 12);
  EXPECT_EQ(r.rollbacks, 1);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].kind, AlarmKind::NonFinite);
  EXPECT_EQ(alarms[0].step, 7);
  EXPECT_NE(alarms[0].message.find("G weights"), std::string::npos) << alarms[0].message;
  EXPECT_NE(alarms[0].message.find("Rolled back to step_000005.gsck"), std::string::npos) << alarms[0].message;
  // A follower of the run folder reads the same alarm from alarms.jsonl.
  AlarmTail alarm_tail(RunPaths{dir_ / "run"}.alarms());
  const std::vector<Alarm> followed = alarm_tail.poll();
  ASSERT_EQ(followed.size(), 1u);
  EXPECT_EQ(followed[0].kind, AlarmKind::NonFinite);
  EXPECT_EQ(followed[0].step, 7);
  EXPECT_EQ(followed[0].message, alarms[0].message);
  EXPECT_EQ(followed[0].remedies, alarms[0].remedies);

  const auto expected = generatorWeights(reference.last_checkpoint);
  const auto got = generatorWeights(r.last_checkpoint);
  ASSERT_EQ(expected.size(), got.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(at::isfinite(got[i]).all().item<bool>());
    EXPECT_TRUE(at::equal(expected[i], got[i])) << "parameter " << i;
  }
  // The curves hold each step once, in order, all finite.
  std::ifstream in(RunPaths{dir_ / "run"}.metrics());
  std::vector<int64_t> steps;
  for (std::string line; std::getline(in, line);) {
    StepStats s;
    ASSERT_TRUE(parseMetricsLine(line, s));
    EXPECT_TRUE(std::isfinite(s.g_loss));
    steps.push_back(s.step);
  }
  EXPECT_EQ(steps, (std::vector<int64_t>{2, 4, 6, 8, 10, 12}));
}

TEST_F(RunHealthTest, RollbackLowersTheLearningRates) {
  TrainConfig c = tinyConfig(dir_ / "data");
  std::vector<Alarm> alarms;
  const RunCallbacks cb = nanAfter(6, alarms);
  const RunResult r = trainRun(c, dir_ / "run", false, cb);
  EXPECT_EQ(r.rollbacks, 1);
  const TrainConfig saved = trainConfigFromJson(readFile(RunPaths{dir_ / "run"}.config()));
  EXPECT_DOUBLE_EQ(saved.optim.lr_g, 1e-4);
  EXPECT_DOUBLE_EQ(saved.optim.lr_d, 1e-4);
  EXPECT_DOUBLE_EQ(readCheckpointConfig(r.last_checkpoint).optim.lr_g, 1e-4);
  ASSERT_FALSE(alarms.empty());
  EXPECT_NE(alarms[0].message.find("lr_g 0.0001"), std::string::npos) << alarms[0].message;
}

TEST_F(RunHealthTest, NanBeforeAnyCheckpointStopsWithAClearError) {
  RunCallbacks cb;
  cb.after_step = injectNanAfter(2);
  try {
    trainRun(tinyConfig(dir_ / "data"), dir_ / "run", false, cb);
    FAIL() << "expected an error";
  } catch (const GanscopeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("diverged at step 2"), std::string::npos) << m;
    EXPECT_NE(m.find("nothing to roll back to"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace gs

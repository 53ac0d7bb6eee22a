// trainRun in-process: callbacks, pause, stop with a checkpoint, and resume that leaves no duplicate metrics.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>

#include "data/image_dataset.h"
#include "export/png_export.h"
#include "temp_dir.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "explore/generator_session.h"
#include "training/run_loop.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "tiny_run_config.h"

namespace gs {
namespace {

using Clock = std::chrono::steady_clock;

TrainConfig tinyConfig(const std::string& data) {
  TrainConfig c = tinyRunConfig(1000, data);
  c.log_every = 2;
  c.sample_every = 4;
  c.checkpoint_every = 1000;
  c.grid_size = 4;
  c.threads = 2;
  return c;
}

std::vector<int64_t> loggedSteps(const std::string& run) {
  std::ifstream in(RunPaths{run}.metrics());
  std::vector<int64_t> steps;
  for (std::string line; std::getline(in, line);) {
    StepStats s;
    EXPECT_TRUE(parseMetricsLine(line, s)) << line;
    steps.push_back(s.step);
  }
  return steps;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const GanscopeError& e) {
    return e.what();
  }
  return "";
}

TEST(RunLoop, CallbacksPauseStopAndResume) {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 16, 32, 32);
  const std::string run = dir / "run";
  const RunPaths paths{run};

  // Paused for 300 ms after loading, stopped after 6 steps.
  int64_t load_total = 0, steps = 0, images_used = 0;
  std::vector<int64_t> sample_steps, checkpoint_steps;
  ImageU8 last_grid;
  Clock::time_point unpause, first_step;
  RunCallbacks cb;
  cb.on_load_progress = [&](int64_t, int64_t total) { load_total = total; };
  cb.on_dataset = [&](const DatasetSummary& s) {
    images_used = s.images_used;
    unpause = Clock::now() + std::chrono::milliseconds(300);
  };
  cb.is_paused = [&] { return Clock::now() < unpause; };
  cb.on_step = [&](const StepStats& s) {
    if (steps++ == 0) first_step = Clock::now();
    EXPECT_EQ(s.step, steps);
  };
  cb.should_stop = [&] { return steps >= 6; };
  cb.on_samples = [&](const ImageU8& grid, int64_t step) {
    sample_steps.push_back(step);
    last_grid = grid;
  };
  cb.on_checkpoint = [&](const std::string& path, int64_t step) {
    EXPECT_EQ(path, paths.checkpointFile(step));
    checkpoint_steps.push_back(step);
  };

  RunResult r = trainRun(tinyConfig(dir / "data"), run, false, cb);
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.steps_done, 6);
  EXPECT_EQ(r.last_checkpoint, paths.checkpointFile(6));
  EXPECT_EQ(load_total, 16);
  EXPECT_EQ(images_used, 16);
  EXPECT_GE(first_step, unpause);
  // Grids at 4 and at the stop (6); a checkpoint only at the stop.
  EXPECT_EQ(sample_steps, (std::vector<int64_t>{4, 6}));
  EXPECT_EQ(checkpoint_steps, (std::vector<int64_t>{6}));
  EXPECT_EQ(last_grid.width, 4 * 32 + 5 * 2);
  EXPECT_EQ(last_grid.channels, 3);
  EXPECT_EQ(loggedSteps(run), (std::vector<int64_t>{2, 4, 6}));
  EXPECT_TRUE(std::filesystem::exists(paths.config()));
  EXPECT_EQ(readPng(paths.sampleFile(4)).width, last_grid.width);

  // A new run into this folder is refused; the message names it.
  const std::string refused = errorOf([&] { trainRun(tinyConfig(dir / "data"), run, false, {}); });
  EXPECT_NE(refused.find(run), std::string::npos) << refused;
  EXPECT_NE(refused.find("already holds a run"), std::string::npos) << refused;

  // Simulate a crash after step 6: lines and a grid from steps the checkpoint never saw, plus a torn line.
  {
    std::ofstream out(paths.metrics(), std::ios::app);
    StepStats s;
    s.step = 8;
    out << metricsLine(s) << "\n";
    s.step = 9;
    out << metricsLine(s).substr(0, 12);
  }
  writeFileAtomic(paths.sampleFile(12), "not a png");

  TrainConfig more = tinyConfig(dir / "data");
  more.total_steps = 10;
  r = trainRun(more, run, true, {});
  EXPECT_FALSE(r.stopped);
  EXPECT_EQ(r.steps_done, 10);
  EXPECT_EQ(loggedSteps(run), (std::vector<int64_t>{2, 4, 6, 8, 10}));
  EXPECT_EQ(listSamples(run), (std::vector<std::string>{paths.sampleFile(4), paths.sampleFile(6),
                                                         paths.sampleFile(8), paths.sampleFile(10)}));
  EXPECT_EQ(listCheckpoints(run), (std::vector<std::string>{paths.checkpointFile(6), paths.checkpointFile(10)}));
  EXPECT_EQ(trainConfigFromJson(readFile(paths.config())).total_steps, 10);
  // The generator of the newest grid, for a following app; older snapshots are gone.
  EXPECT_EQ(listSnapshots(run), (std::vector<std::string>{paths.snapshotFile(10)}));
  EXPECT_EQ(GeneratorSession::open(paths.snapshotFile(10))->step(), 10);
}

TEST(RunLoop, ClearErrorsBeforeWritingAnything) {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 4, 32, 32);

  TrainConfig bad = tinyConfig(dir / "data");
  bad.batch = 0;
  EXPECT_NE(errorOf([&] { trainRun(bad, dir / "a", false, {}); }), "");
  EXPECT_FALSE(std::filesystem::exists(dir / "a"));

  const std::string missing = errorOf([&] { trainRun(tinyConfig(dir / "nowhere"), dir / "b", false, {}); });
  EXPECT_NE(missing.find("nowhere"), std::string::npos) << missing;
  EXPECT_FALSE(std::filesystem::exists(dir / "b"));

  const std::string no_run = errorOf([&] { trainRun(tinyConfig(dir / "data"), dir / "c", true, {}); });
  EXPECT_NE(no_run.find(dir / "c"), std::string::npos) << no_run;
  std::filesystem::create_directories(dir / "c/checkpoints");
  const std::string empty = errorOf([&] { trainRun(tinyConfig(dir / "data"), dir / "c", true, {}); });
  EXPECT_NE(empty.find("no checkpoints to resume"), std::string::npos) << empty;
}

TEST(RunLoop, FreshRunReplacesLeftoversOfAnAttemptWithoutCheckpoints) {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 8, 32, 32);
  const RunPaths paths{dir / "run"};
  std::filesystem::create_directories(paths.samples());
  StepStats old;
  old.step = 50;
  writeFileAtomic(paths.metrics(), metricsLine(old) + "\n");
  writeFileAtomic(paths.sampleFile(50), "old");

  TrainConfig c = tinyConfig(dir / "data");
  c.total_steps = 4;
  const RunResult r = trainRun(c, paths.root, false, {});
  EXPECT_EQ(r.steps_done, 4);
  EXPECT_EQ(loggedSteps(paths.root), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(listSamples(paths.root), (std::vector<std::string>{paths.sampleFile(4)}));
}

// A remedy applied to a run: plain resume keeps the stored learning rates, continueRunWithOptim trains on with
// the changed ones (and records them), and refuses a change the networks no longer fit.
TEST(RunLoop, ContinueWithChangedOptimiser) {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 16, 32, 32);
  const std::string run = dir / "run";
  TrainConfig c = tinyConfig(dir / "data");
  c.total_steps = 4;
  ASSERT_EQ(trainRun(c, run, false, {}).steps_done, 4);

  TrainConfig lower = c;
  lower.optim.lr_d = c.optim.lr_d * 0.5;
  lower.total_steps = 6;
  ASSERT_EQ(trainRun(lower, run, true, {}).steps_done, 6);
  EXPECT_DOUBLE_EQ(readCheckpointConfig(RunPaths{run}.checkpointFile(6)).optim.lr_d, c.optim.lr_d);

  lower.total_steps = 8;
  const RunResult r = continueRunWithOptim(lower, run, {});
  EXPECT_EQ(r.steps_done, 8);
  EXPECT_DOUBLE_EQ(readCheckpointConfig(RunPaths{run}.checkpointFile(8)).optim.lr_d, lower.optim.lr_d);
  std::ifstream in(RunPaths{run}.config());
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_DOUBLE_EQ(trainConfigFromJson(json).optim.lr_d, lower.optim.lr_d);
  EXPECT_EQ(loggedSteps(run).back(), 8);

  TrainConfig wgan = lower;
  wgan.optim.loss = LossKind::WganGp;
  wgan.total_steps = 10;
  const std::string refused = errorOf([&] { continueRunWithOptim(wgan, run, {}); });
  EXPECT_NE(refused.find("does not fit"), std::string::npos) << refused;
}

}  // namespace
}  // namespace gs

// pix2pix training: exact resume (weights, losses, pair stream, dropout RNG), a run folder end to end through
// trainRun (metrics with l1, input | output | target grids, resume), NaN rollback with its alarm, and a toy it
// visibly learns.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "data/paired_dataset.h"
#include "export/png_export.h"
#include "pix2pix_fixture.h"
#include "temp_dir.h"
#include "training/pix2pix_trainer.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "training/translation_run.h"
#include "util/error.h"

namespace gs {
namespace {

// n pairs of `res` px: A = a gray square mask, B = the same square in colour on white (an easy translation).
PairedDataset squarePairs(int n, int res = 32) {
  std::vector<uint8_t> a, b;
  for (int i = 0; i < n; ++i) {
    const ImageU8 im = test::squareImage(res, i, 30, 120, 220);
    b.insert(b.end(), im.pixels.begin(), im.pixels.end());
    for (size_t p = 0; p < im.pixels.size(); p += 3) a.push_back(im.pixels[p] == 255 ? 255 : 0);
  }
  PairedDataset d;
  d.a = ImageDataset::fromPixels(a, n, 1, res, "squares A");
  d.b = ImageDataset::fromPixels(b, n, 3, res, "squares B");
  d.summary.source = "squares";
  return d;
}

TrainConfig tinyPix2Pix(int res = 32) {
  TrainConfig c;
  c.model.kind = ModelKind::Pix2Pix;
  c.model.resolution = c.data.resolution = res;
  c.model.g_width = c.model.d_width = 8;
  c.batch = 4;
  c.device = "cpu";
  c.threads = 2;
  c.optim.ema_kimg = 0;
  c.optim.augment = AugmentKind::None;
  c.data.hflip = true;
  c.seed = 11;
  return c;
}

TEST(Pix2PixTrainer, ResumesExactly) {
  test::TempDir dir;
  // 64 px so G has a dropout level: resume must restore the RNG dropout draws from too.
  TrainConfig c = tinyPix2Pix(64);
  const PairedDataset data64 = squarePairs(10, 64);
  Pix2PixTrainer straight(c, data64);
  std::vector<StepStats> want;
  for (int i = 0; i < 5; ++i) want.push_back(straight.step());

  Pix2PixTrainer first(c, data64);
  for (int i = 0; i < 3; ++i) first.step();
  first.save(dir / "ck.gsck");
  torch::manual_seed(999);  // someone else using the global RNG between the sessions changes nothing
  (void)at::rand({100});
  Pix2PixTrainer resumed(c, data64);
  resumed.load(dir / "ck.gsck");
  EXPECT_EQ(resumed.stepCount(), 3);
  for (int i = 3; i < 5; ++i) {
    const StepStats s = resumed.step();
    EXPECT_EQ(s.g_loss, want[i].g_loss) << "step " << i + 1;
    EXPECT_EQ(s.d_loss, want[i].d_loss);
    EXPECT_EQ(s.l1, want[i].l1);
  }
  const at::Tensor probe = at::rand({2, 1, 64, 64}) * 2 - 1;
  EXPECT_TRUE(at::equal(straight.translate(probe), resumed.translate(probe)));

  // Other pairs, or another architecture: refused with the reason.
  Pix2PixTrainer other_data(c, squarePairs(9, 64));
  EXPECT_THROW(other_data.load(dir / "ck.gsck"), GanscopeError);
  TrainConfig wider = c;
  wider.model.g_width = 16;
  Pix2PixTrainer other_net(wider, data64);
  try {
    other_net.load(dir / "ck.gsck");
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("g_width 8 in the checkpoint, 16 here"), std::string::npos) << e.what();
  }
}

TEST(Pix2PixTrainer, LearnsAnEasyTranslation) {
  // Mask -> coloured square: the L1 term drives most of it; 40 steps at a toy's learning rate bring L1 well down.
  TrainConfig c = tinyPix2Pix();
  c.batch = 8;
  c.optim.lr_g = c.optim.lr_d = 1e-3;
  c.data.hflip = false;
  Pix2PixTrainer t(c, squarePairs(16));
  const double first = t.step().l1;
  double last = 0;
  for (int i = 0; i < 40; ++i) last = t.step().l1;
  EXPECT_LT(last, 0.5 * first) << "first " << first << ", last " << last;
  std::printf("L1 %.3f -> %.3f after 40 steps\n", first, last);
}

TEST(TranslationRun, EdgesFolderTrainsResumesAndWritesGrids) {
  test::TempDir dir;
  test::writeSquares(dir / "data", 12, 48);
  TrainConfig c = tinyPix2Pix();
  c.data.path = dir / "data";
  c.data.pairs = PairSource::Edges;
  c.total_steps = 4;
  c.log_every = 2;
  c.sample_every = 2;
  c.checkpoint_every = 2;
  c.grid_size = 3;  // 12 pairs: 3 held aside for the grid
  RunCallbacks cb;
  DatasetSummary seen;
  cb.on_dataset = [&](const DatasetSummary& s) { seen = s; };
  const std::string run = dir / "run";
  RunResult r = trainRun(c, run, false, cb);
  EXPECT_EQ(r.steps_done, 4);
  EXPECT_EQ(seen.images_used, 12);
  EXPECT_NE(seen.note.find("Canny"), std::string::npos);

  const TrainConfig stored = readRunConfig(run);
  EXPECT_EQ(stored.model.kind, ModelKind::Pix2Pix);
  EXPECT_EQ(stored.model.input_channels, 1);
  EXPECT_EQ(stored.model.channels, 3);
  std::ifstream in(RunPaths{run}.metrics());
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    StepStats s;
    ASSERT_TRUE(parseMetricsLine(line, s));
    EXPECT_TRUE(s.has_l1) << line;
    EXPECT_GT(s.l1, 0);
  }
  EXPECT_EQ(lines, 2);
  // The grid: 3 rows of input | output | target, 32 px cells 2 px apart.
  const ImageU8 grid = readPng(RunPaths{run}.sampleFile(4));
  EXPECT_EQ(grid.width, 3 * 32 + 4 * 2);
  EXPECT_EQ(grid.height, 3 * 32 + 4 * 2);
  const PngText text = readPngText(RunPaths{run}.sampleFile(4));
  EXPECT_NE(std::find(text.begin(), text.end(), std::make_pair(std::string("Columns"),
                                                                std::string("input | output | target"))),
            text.end());

  // Resume to 6 steps: the same as training 6 at once.
  c.total_steps = 6;
  r = trainRun(c, run, true, cb);
  EXPECT_EQ(r.steps_done, 6);
  const std::string straight = dir / "straight";
  trainRun(c, straight, false, cb);
  const ImageU8 g1 = readPng(RunPaths{run}.sampleFile(6)), g2 = readPng(RunPaths{straight}.sampleFile(6));
  EXPECT_EQ(g1.pixels, g2.pixels);
}

TEST(TranslationRun, RollsBackAfterNaNWithAnAlarm) {
  test::TempDir dir;
  test::writeSquares(dir / "data", 8, 40);
  TrainConfig c = tinyPix2Pix();
  c.data.path = dir / "data";
  c.data.pairs = PairSource::Edges;
  c.total_steps = 6;
  c.log_every = 1;
  c.sample_every = c.checkpoint_every = 3;
  const double lr = c.optim.lr_g;
  // G's weights turn NaN once, after step 5: the loop goes back to step 3 with halved rates and trains on to 6.
  bool poisoned = false;
  auto poison = [&poisoned](TranslationTrainer& t) {
    if (poisoned || t.stepCount() != 5) return;
    poisoned = true;
    at::NoGradGuard no_grad;
    for (auto& p : dynamic_cast<Pix2PixTrainer&>(t).generator()->parameters()) p.fill_(std::nan(""));
  };
  std::vector<Alarm> alarms;
  RunCallbacks cb;
  cb.on_alarm = [&](const Alarm& a) { alarms.push_back(a); };
  const std::string run = dir / "run";
  const RunResult r = trainTranslationRun(c, run, false, "", cb, poison);
  EXPECT_EQ(r.rollbacks, 1);
  EXPECT_EQ(r.steps_done, 6);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].kind, AlarmKind::NonFinite);
  EXPECT_EQ(alarms[0].step, 5);
  EXPECT_NE(alarms[0].message.find("G weights not finite"), std::string::npos) << alarms[0].message;
  EXPECT_NE(alarms[0].message.find("Rolled back to step_000003.gsck (step 3)"), std::string::npos)
      << alarms[0].message;
  EXPECT_DOUBLE_EQ(readRunConfig(run).optim.lr_g, lr * 0.5);
  // metrics.jsonl: steps 1..6 once each (the diverged stretch was cut), alarms.jsonl: the one alarm.
  std::ifstream metrics(RunPaths{run}.metrics());
  std::vector<int64_t> steps;
  for (std::string line; std::getline(metrics, line);) {
    StepStats s;
    ASSERT_TRUE(parseMetricsLine(line, s));
    steps.push_back(s.step);
  }
  EXPECT_EQ(steps, (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  std::ifstream alarm_file(RunPaths{run}.alarms());
  int lines = 0;
  for (std::string line; std::getline(alarm_file, line);) lines += !line.empty();
  EXPECT_EQ(lines, 1);
}

}  // namespace
}  // namespace gs

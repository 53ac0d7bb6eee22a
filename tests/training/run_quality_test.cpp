// Quality over training: the quality.jsonl line format, when a measurement is the best and when the hint says
// quality stopped improving, the held-out file next to IDX data, and a run that writes quality.jsonl and
// checkpoints/best.gsck and cuts them back on resume.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"
#include "metrics/quality_record.h"
#include "tiny_run_config.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "training/run_quality.h"

namespace gs {
namespace {

QualityRecord at(int64_t step, double swd) {
  QualityRecord r;
  r.step = step;
  r.swd = swd;
  return r;
}

std::vector<QualityRecord> judged(const std::vector<double>& swds) {
  std::vector<QualityRecord> out;
  for (size_t i = 0; i < swds.size(); ++i) {
    QualityRecord r = at(static_cast<int64_t>(i + 1) * 100, swds[i]);
    judgeQuality(out, r);
    out.push_back(r);
  }
  return out;
}

TEST(QualityRecord, LineRoundTrips) {
  QualityRecord r = at(500, 12.5);
  r.swd_levels = {20.0, 5.0};
  r.images = 1024;
  r.reference = "1024 held-out images";
  r.best = true;
  r.best_step = 500;
  r.hint = "some advice";
  QualityRecord back;
  ASSERT_TRUE(parseQualityLine(qualityLine(r), back));
  EXPECT_EQ(back.step, 500);
  EXPECT_DOUBLE_EQ(back.swd, 12.5);
  EXPECT_EQ(back.swd_levels, r.swd_levels);
  EXPECT_EQ(back.images, 1024);
  EXPECT_EQ(back.reference, r.reference);
  EXPECT_TRUE(back.best);
  EXPECT_EQ(back.hint, "some advice");
  EXPECT_FALSE(parseQualityLine("{\"step\": 3, \"g_loss\": 1, \"d_loss\": 1}", back));  // a metrics line
  EXPECT_FALSE(parseQualityLine("{\"step\": 3, \"quali", back));
}

TEST(QualityRecord, BestAndHints) {
  const auto improving = judged({30, 20, 10});
  for (const auto& r : improving) {
    EXPECT_TRUE(r.best);
    EXPECT_TRUE(r.hint.empty());
  }
  // Best at step 200, then three measurements without a new best: the third gets the hint.
  const auto stalled = judged({30, 20, 21, 22, 21.5});
  EXPECT_FALSE(stalled[2].best);
  EXPECT_EQ(stalled[2].best_step, 200);
  EXPECT_TRUE(stalled[3].hint.empty());
  EXPECT_NE(stalled[4].hint.find("not improved for 3"), std::string::npos) << stalled[4].hint;
  // Far worse than the best: said at once.
  const auto worse = judged({30, 10, 13});
  EXPECT_NE(worse[2].hint.find("getting worse"), std::string::npos) << worse[2].hint;
}

TEST(RunQuality, HeldOutFileNextToIdxData) {
  test::TempDir dir;
  std::ofstream(dir / "train-images-idx3-ubyte.gz") << "\x1f\x8b gzip";
  EXPECT_EQ(heldOutIdxFile(dir / "train-images-idx3-ubyte.gz"), "");
  std::ofstream(dir / "t10k-images-idx3-ubyte.gz") << "\x1f\x8b gzip";
  EXPECT_EQ(heldOutIdxFile(dir / "train-images-idx3-ubyte.gz"), dir / "t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(heldOutIdxFile(dir / "photos"), "");
  EXPECT_EQ(heldOutIdxFile(dir / ""), dir / "t10k-images-idx3-ubyte.gz") << "the folder itself";
}

std::vector<QualityRecord> records(const std::string& run) {
  std::ifstream in(RunPaths{run}.quality());
  std::vector<QualityRecord> out;
  for (std::string line; std::getline(in, line);) {
    QualityRecord r;
    EXPECT_TRUE(parseQualityLine(line, r)) << line;
    out.push_back(r);
  }
  return out;
}

TEST(RunQuality, RunWritesQualityAndBestCheckpointAndResumeCutsBack) {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 16, 32, 32);
  const std::string run = dir / "run";
  TrainConfig c = tinyRunConfig(8, dir / "data");
  c.quality_every = 4;
  c.checkpoint_every = 4;
  c.threads = 2;
  std::vector<int64_t> seen;
  RunCallbacks cb;
  cb.on_quality = [&](const QualityRecord& r) { seen.push_back(r.step); };
  trainRun(c, run, false, cb);
  EXPECT_EQ(seen, (std::vector<int64_t>{4, 8}));
  auto rs = records(run);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_TRUE(rs[0].best);
  EXPECT_GT(rs[0].swd, 0.0);
  EXPECT_EQ(rs[0].images, 16);
  const int64_t best_step = rs[1].best_step;
  ASSERT_TRUE(std::filesystem::exists(RunPaths{run}.bestCheckpoint()));
  EXPECT_EQ(readCheckpointFile(RunPaths{run}.bestCheckpoint()).header.step, best_step);
  EXPECT_EQ(listCheckpoints(run).size(), 2u) << "best.gsck is not one of the step checkpoints";

  // Resume from step 8 to 12: no duplicate lines, one new measurement.
  c.total_steps = 12;
  trainRun(c, run, true, cb);
  rs = records(run);
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[2].step, 12);
}

}  // namespace
}  // namespace gs

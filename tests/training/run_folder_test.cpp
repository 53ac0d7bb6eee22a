// Run folder layout, metrics lines and following a growing metrics.jsonl.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "temp_dir.h"
#include "training/run_folder.h"
#include "util/atomic_file.h"

namespace gs {
namespace {

StepStats sampleStats(int64_t step) {
  StepStats s;
  s.step = step;
  s.images_seen = step * 64;
  s.g_loss = 1.25 + step;
  s.d_loss = 0.5;
  s.penalty = 0.125;
  s.d_real = 0.75;
  s.d_fake = 0.25;
  s.g_grad_norm = 3.5;
  s.d_grad_norm = 4.5;
  s.seconds = 0.0625;
  s.images_per_second = 1024;
  return s;
}

void append(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
}

TEST(RunPaths, StepNamesArePaddedToSixDigitsAndGrow) {
  const RunPaths p{"/runs/a"};
  EXPECT_EQ(p.config(), "/runs/a/config.json");
  EXPECT_EQ(p.metrics(), "/runs/a/metrics.jsonl");
  EXPECT_EQ(p.sampleFile(250), "/runs/a/samples/step_000250.png");
  EXPECT_EQ(p.checkpointFile(1000), "/runs/a/checkpoints/step_001000.gsck");
  EXPECT_EQ(p.checkpointFile(0), "/runs/a/checkpoints/step_000000.gsck");
  EXPECT_EQ(p.checkpointFile(12345678), "/runs/a/checkpoints/step_12345678.gsck");
  EXPECT_EQ(stepOfFile(p.checkpointFile(12345678)), 12345678);
  EXPECT_EQ(stepOfFile("/x/step_000250.png"), 250);
  EXPECT_EQ(stepOfFile("/x/step_.png"), -1);
  EXPECT_EQ(stepOfFile("/x/step_12a.png"), -1);
  EXPECT_EQ(stepOfFile("/x/other.png"), -1);
}

TEST(MetricsLine, RoundTripsEveryFieldAndWallTime) {
  const StepStats s = sampleStats(42);
  const std::string line = metricsLine(s, 1700000000.5);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  StepStats r;
  double t = 0;
  ASSERT_TRUE(parseMetricsLine(line, r, &t));
  EXPECT_EQ(r.step, 42);
  EXPECT_EQ(r.images_seen, 42 * 64);
  EXPECT_DOUBLE_EQ(r.g_loss, s.g_loss);
  EXPECT_DOUBLE_EQ(r.d_loss, s.d_loss);
  EXPECT_DOUBLE_EQ(r.penalty, s.penalty);
  EXPECT_DOUBLE_EQ(r.d_real, s.d_real);
  EXPECT_DOUBLE_EQ(r.d_fake, s.d_fake);
  EXPECT_DOUBLE_EQ(r.g_grad_norm, s.g_grad_norm);
  EXPECT_DOUBLE_EQ(r.d_grad_norm, s.d_grad_norm);
  EXPECT_DOUBLE_EQ(r.seconds, s.seconds);
  EXPECT_DOUBLE_EQ(r.images_per_second, s.images_per_second);
  EXPECT_DOUBLE_EQ(t, 1700000000.5);

  // The one-argument form stamps the current time.
  ASSERT_TRUE(parseMetricsLine(metricsLine(s), r, &t));
  EXPECT_GT(t, 1.6e9);
}

TEST(MetricsLine, DivergedLossSurvivesAsNaN) {
  StepStats s = sampleStats(3);
  s.g_loss = std::nan("");
  s.d_loss = INFINITY;
  StepStats r;
  ASSERT_TRUE(parseMetricsLine(metricsLine(s), r));
  EXPECT_TRUE(std::isnan(r.g_loss));
  EXPECT_TRUE(std::isnan(r.d_loss));
  EXPECT_DOUBLE_EQ(r.d_real, 0.75);
}

TEST(MetricsLine, RejectsPartialAndForeignLines) {
  const std::string line = metricsLine(sampleStats(5));
  StepStats r;
  EXPECT_FALSE(parseMetricsLine(line.substr(0, line.size() / 2), r));
  EXPECT_FALSE(parseMetricsLine("", r));
  EXPECT_FALSE(parseMetricsLine("not json", r));
  EXPECT_FALSE(parseMetricsLine("[1,2,3]", r));
  EXPECT_FALSE(parseMetricsLine(R"({"foo": 1})", r));
  EXPECT_FALSE(parseMetricsLine(R"({"step": "x", "g_loss": 1, "d_loss": 2})", r));
  EXPECT_TRUE(parseMetricsLine(R"({"step": 7, "g_loss": 1, "d_loss": 2})", r));
  EXPECT_EQ(r.step, 7);
}

TEST(RunListing, SortsByStepNumberAndIgnoresOtherFiles) {
  test::TempDir dir;
  const RunPaths p{dir.path()};
  EXPECT_TRUE(listCheckpoints(dir.path()).empty());  // no folder yet
  std::filesystem::create_directories(p.checkpoints());
  std::filesystem::create_directories(p.samples());
  for (int64_t step : {900, 1000000, 100, 20000}) writeFileAtomic(p.checkpointFile(step), "x");
  writeFileAtomic(p.checkpoints() + "/step_000200.gsck.tmp-1-2", "x");
  writeFileAtomic(p.checkpoints() + "/notes.txt", "x");
  for (int64_t step : {500, 250, 750}) writeFileAtomic(p.sampleFile(step), "x");
  writeFileAtomic(p.samples() + "/step_000300.jpg", "x");

  const auto c = listCheckpoints(dir.path());
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], p.checkpointFile(100));
  EXPECT_EQ(c[1], p.checkpointFile(900));
  EXPECT_EQ(c[2], p.checkpointFile(20000));
  EXPECT_EQ(c[3], p.checkpointFile(1000000));
  const auto s = listSamples(dir.path());
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], p.sampleFile(250));
  EXPECT_EQ(s[2], p.sampleFile(750));
}

TEST(MetricsTail, NeverReturnsAPartialLastLine) {
  test::TempDir dir;
  const std::string path = dir / "metrics.jsonl";
  MetricsTail tail(path);
  EXPECT_TRUE(tail.poll().empty());  // file not there yet

  append(path, metricsLine(sampleStats(10)) + "\n" + metricsLine(sampleStats(20)) + "\n");
  auto got = tail.poll();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].step, 10);
  EXPECT_EQ(got[1].step, 20);
  EXPECT_TRUE(tail.poll().empty());

  // Half a line: nothing yet; the rest: exactly that line.
  const std::string line = metricsLine(sampleStats(30));
  append(path, line.substr(0, line.size() / 2));
  EXPECT_TRUE(tail.poll().empty());
  append(path, line.substr(line.size() / 2));
  EXPECT_TRUE(tail.poll().empty());  // still no newline
  append(path, "\n" + metricsLine(sampleStats(40)).substr(0, 5));
  got = tail.poll();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].step, 30);
  EXPECT_DOUBLE_EQ(got[0].g_loss, 31.25);
  EXPECT_FALSE(tail.wasReset());
  append(path, metricsLine(sampleStats(40)).substr(5) + "\n");
  got = tail.poll();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].step, 40);
}

TEST(MetricsTail, SaysWhatItSkippedAndWhatWaitsForItsNewline) {
  test::TempDir dir;
  const std::string path = dir / "metrics.jsonl";
  TimedMetricsTail tail(path);
  append(path, metricsLine(sampleStats(10), 1000.5) + "\nnot json\n\n" + metricsLine(sampleStats(20)).substr(0, 7));
  const auto got = tail.poll();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].stats.step, 10);
  EXPECT_DOUBLE_EQ(got[0].wall_time, 1000.5);  // the wall time travels with the stats
  EXPECT_EQ(tail.skippedLines(), 1);            // the foreign line; empty lines are not counted
  EXPECT_EQ(tail.pendingBytes(), 7u);           // the cut-off line
  TimedStepStats old;
  ASSERT_TRUE(parseTimedMetricsLine("{\"step\": 5, \"g_loss\": 1, \"d_loss\": 2}", old));
  EXPECT_EQ(old.wall_time, 0.0);  // files from before "t": no wall time
}

TEST(MetricsTail, StartsOverWhenAResumeRewritesTheFile) {
  test::TempDir dir;
  const std::string path = dir / "metrics.jsonl";
  MetricsTail tail(path);
  append(path, metricsLine(sampleStats(10)) + "\n" + metricsLine(sampleStats(20)) + "\n" +
                   metricsLine(sampleStats(30)) + "\n");
  EXPECT_EQ(tail.poll().size(), 3u);
  writeFileAtomic(path, metricsLine(sampleStats(10)) + "\n");
  const auto got = tail.poll();
  EXPECT_TRUE(tail.wasReset());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].step, 10);
  append(path, metricsLine(sampleStats(15)) + "\n");
  ASSERT_EQ(tail.poll().size(), 1u);
  EXPECT_FALSE(tail.wasReset());
}

}  // namespace
}  // namespace gs

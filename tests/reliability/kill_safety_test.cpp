// Kill safety: ganscope-cli train is killed with SIGKILL at random moments (checkpoints every step, so most
// kills land in or near a checkpoint write or prune) until at least 50 checkpoint writes have happened, and is
// resumed after each kill. Every resume must work, keep every metrics line up to its checkpoint untouched (no
// step lost beyond the last completed checkpoint) and cut metrics/health/alarm JSONL back consistently; no
// damaged checkpoint or stale temporary file may remain. Prints kills survived and checkpoint writes.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "cli/run_process.h"
#include "temp_dir.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Steps of the complete lines of a JSONL file ("step" field), in file order.
std::vector<int64_t> steps(const std::string& path) {
  std::vector<int64_t> out;
  for (const std::string& line : lines(path)) {
    StepStats s;
    if (parseMetricsLine(line, s)) out.push_back(s.step);
  }
  return out;
}

int64_t newestStep(const std::string& run) {
  const auto c = listCheckpoints(run);
  return c.empty() ? -1 : stepOfFile(c.back());
}

bool waitFor(const std::function<bool()>& cond, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!cond()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST(KillSafety, SigkillDuringCheckpointWritesLosesNothingAndEveryResumeWorks) {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 16, 32, 32);
  const std::string run = dir / "run";
  const RunPaths paths{run};
  const std::vector<std::string> fresh = {GANSCOPE_CLI_PATH, "train", "--data", dir / "data", "--out", run,
                                          "--res", "32", "--g-width", "8", "--d-width", "8", "--nz", "16",
                                          "--batch", "8", "--steps", "100000", "--device", "cpu", "--threads", "1",
                                          "--log-every", "1", "--sample-every", "3", "--checkpoint-every", "1",
                                          "--keep", "2", "--health-every", "4", "--birthday-trials", "0"};
  const std::vector<std::string> resume = {GANSCOPE_CLI_PATH, "train", "--out", run, "--resume", "--threads", "1"};

  std::mt19937 rng(2024);
  std::uniform_int_distribution<int> delay_ms(0, 250);
  int kills = 0, unusable = 0, writes = 0;
  int torn_writes = 0;  // temporary files of writes a kill interrupted (the next start removes them)
  int64_t checkpoint = -1;                 // newest complete checkpoint before this start
  std::vector<std::string> kept_metrics;   // metrics lines up to that checkpoint, which must survive
  while (writes < 50 || kills < 20) {
    ASSERT_LT(kills, 200) << "too few checkpoint writes between kills";
    const pid_t pid = test::startProcess(kills == 0 ? fresh : resume, dir / "out.txt", dir / "err.txt");
    // Usable resume: it trains past its checkpoint (and, the first time, writes one).
    const bool progressed = waitFor([&] { return newestStep(run) > std::max<int64_t>(checkpoint, 0); }, 60);
    if (!progressed) {
      ++unusable;
      ::kill(pid, SIGKILL);
      test::waitProcess(pid, 10);
      ADD_FAILURE() << "run " << kills << " made no progress from step " << checkpoint << ": "
                    << readFile(dir / "err.txt");
      break;
    }
    // Lines up to the resumed checkpoint are the same as before the kill: nothing lost, nothing rewritten.
    const auto now = lines(paths.metrics());
    ASSERT_GE(now.size(), kept_metrics.size());
    for (size_t i = 0; i < kept_metrics.size(); ++i) ASSERT_EQ(now[i], kept_metrics[i]) << "line " << i;

    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    ::kill(pid, SIGKILL);
    EXPECT_EQ(test::waitProcess(pid, 30), 128 + SIGKILL);
    ++kills;

    // After the kill: every checkpoint left verifies and loads.
    const auto checkpoints = listCheckpoints(run);
    ASSERT_FALSE(checkpoints.empty());
    for (const std::string& c : checkpoints) {
      try {
        readCheckpointConfig(c);
        loadGeneratorFile(c);
      } catch (const GanscopeError& e) {
        ++unusable;
        ADD_FAILURE() << "kill " << kills << " left a damaged checkpoint: " << e.what();
      }
    }
    const int64_t newest = newestStep(run);
    writes += int(newest - std::max<int64_t>(checkpoint, 0));  // one checkpoint per step
    for (const auto& e : fs::recursive_directory_iterator(run))
      if (e.path().filename().string().find(".tmp-") != std::string::npos) ++torn_writes;
    checkpoint = newest;
    // Metrics so far run 1, 2, 3, ... with no gap or repeat (resumes cut them back to their checkpoint).
    const auto logged = steps(paths.metrics());
    ASSERT_GE(int64_t(logged.size()), checkpoint);
    for (size_t i = 0; i < logged.size(); ++i) ASSERT_EQ(logged[i], int64_t(i + 1)) << "metrics line " << i;
    kept_metrics = lines(paths.metrics());
    kept_metrics.resize(size_t(checkpoint));
  }

  // A last resume that is stopped cleanly: the JSONL files end at or before its checkpoint's step.
  const pid_t pid = test::startProcess(resume, dir / "out.txt", dir / "err.txt");
  ASSERT_TRUE(waitFor([&] { return newestStep(run) > checkpoint; }, 60)) << readFile(dir / "err.txt");
  ::kill(pid, SIGINT);
  ASSERT_EQ(test::waitProcess(pid, 60), 0) << readFile(dir / "err.txt");
  const int64_t last = newestStep(run);
  const auto logged = steps(paths.metrics());
  for (size_t i = 0; i < logged.size(); ++i) ASSERT_EQ(logged[i], int64_t(i + 1));
  EXPECT_EQ(logged.back(), last);
  for (const std::string& file : {paths.health(), paths.alarms()}) {
    int64_t prev = 0;
    for (const std::string& line : lines(file)) {
      const auto at = line.find("\"step\":");
      ASSERT_NE(at, std::string::npos) << file << ": " << line;
      const int64_t s = std::stoll(line.substr(at + 7));
      EXPECT_GT(s, prev) << file << " repeats or reorders step " << s;
      EXPECT_LE(s, last) << file << " has a line past the checkpoint";
      prev = s;
    }
  }
  EXPECT_FALSE(lines(paths.health()).empty());
  // No temporary file of a killed write is left anywhere in the run.
  for (const auto& e : fs::recursive_directory_iterator(run))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();

  std::printf("kills survived: %d, checkpoint writes: %d, writes cut by a kill: %d, unusable resumes: %d, "
              "final step %lld\n", kills, writes, torn_writes, unusable, static_cast<long long>(last));
  EXPECT_EQ(unusable, 0);
}

}  // namespace
}  // namespace gs

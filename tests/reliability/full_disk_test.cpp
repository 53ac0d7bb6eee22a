// Full disks and read-only folders: ganscope-cli train stops with a clear message when a checkpoint no longer
// fits (a file-size limit, RLIMIT_FSIZE, stands in for the full disk) or when its folder turns read-only mid-run,
// and the last good checkpoint stays intact and resumable; PNG, animated-PNG and MP4 exports into such a folder
// fail with an error naming the file and leave no partial or temporary file. Run as root, "nobody" plays the
// user for whom root's folders are read-only.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "cli/run_process.h"
#include "temp_dir.h"
#include "export/animation_export.h"
#include "export/png_export.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/process_env.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
const bool kRoot = ::geteuid() == 0;

std::vector<std::string> trainArgs(const std::string& data, const std::string& run, int steps) {
  return {GANSCOPE_CLI_PATH, "train", "--data", data, "--out", run, "--res", "32", "--g-width", "8", "--d-width",
          "8", "--nz", "16", "--batch", "8", "--steps", std::to_string(steps), "--device", "cpu", "--threads", "1",
          "--checkpoint-every", "2", "--sample-every", "1000", "--health-every", "1000"};
}

std::vector<std::string> resumeArgs(const std::string& run, int steps) {
  return {GANSCOPE_CLI_PATH, "train", "--out", run, "--resume", "--steps", std::to_string(steps), "--threads", "1"};
}

// Files in `dir` (recursively) whose names mark a temporary or partial write.
std::vector<std::string> leftovers(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name.find(".part") != std::string::npos) out.push_back(name);
  }
  return out;
}

class FullDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    // "nobody" must reach the data and the program (mkdtemp makes the folder private).
    ::chmod(dir_.path().c_str(), 0755);
    test::writeTinyImages(dir_ / "data", 16, 32, 32);
  }
  test::ProcessResult runCli(const std::vector<std::string>& args, const test::ChildLimits& limits = {}) {
    const pid_t pid = test::startProcess(args, dir_ / "out.txt", dir_ / "err.txt", limits);
    test::ProcessResult r;
    r.exit_code = test::waitProcess(pid, 180);
    r.out = readFile(dir_ / "out.txt");
    r.err = readFile(dir_ / "err.txt");
    return r;
  }
  test::TempDir dir_;
};

TEST_F(FullDisk, CheckpointThatNoLongerFitsStopsTrainingAndKeepsTheLastGoodOne) {
  const std::string run = dir_ / "run";
  ASSERT_EQ(runCli(trainArgs(dir_ / "data", run, 2)).exit_code, 0);
  const std::string good = RunPaths{run}.checkpointFile(2);
  const std::string bytes = readFile(good);

  // The next checkpoint (step 4) can't be written past half a checkpoint's size.
  const test::ProcessResult full = runCli(resumeArgs(run, 6), {static_cast<long long>(bytes.size() / 2), false});
  EXPECT_EQ(full.exit_code, 1) << "killed by a signal instead of stopping with a message? " << full.err;
  EXPECT_NE(full.err.find(RunPaths{run}.checkpointFile(4)), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("the disk is full or a file-size limit was reached"), std::string::npos) << full.err;
  EXPECT_EQ(readFile(good), bytes) << "the last good checkpoint changed";
  EXPECT_FALSE(fs::exists(RunPaths{run}.checkpointFile(4)));
  EXPECT_TRUE(leftovers(run).empty()) << leftovers(run).front();

  // Space again: the run resumes from the good checkpoint and finishes.
  const test::ProcessResult again = runCli(resumeArgs(run, 6));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(stepOfFile(listCheckpoints(run).back()), 6);
}

TEST_F(FullDisk, FolderTurningReadOnlyMidRunStopsTrainingAndKeepsTheLastGoodOne) {
  const std::string run = dir_ / "run";
  const std::string checkpoints = RunPaths{run}.checkpoints();
  fs::create_directories(checkpoints);
  if (kRoot) {
    for (const std::string& d : {run, checkpoints}) ASSERT_EQ(::chown(d.c_str(), 65534, 65534), 0);
  }
  const pid_t pid = test::startProcess(trainArgs(dir_ / "data", run, 100000), dir_ / "out.txt", dir_ / "err.txt",
                                       {-1, true});
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (listCheckpoints(run).empty() && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_FALSE(listCheckpoints(run).empty()) << readFile(dir_ / "err.txt");
  // Read-only from now on: root takes the folder back (0755), anyone else loses the write bit.
  if (kRoot)
    ASSERT_EQ(::chown(checkpoints.c_str(), 0, 0), 0);
  else
    fs::permissions(checkpoints, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
  const int code = test::waitProcess(pid, 120);
  fs::permissions(checkpoints, fs::perms::owner_write, fs::perm_options::add);
  const std::string err = readFile(dir_ / "err.txt");
  EXPECT_EQ(code, 1) << err;
  EXPECT_NE(err.find(checkpoints + "/step_"), std::string::npos) << err;
  EXPECT_NE(err.find("Permission denied"), std::string::npos) << err;
  const auto kept = listCheckpoints(run);
  ASSERT_FALSE(kept.empty());
  EXPECT_NO_THROW(readCheckpointConfig(kept.back()));
  EXPECT_TRUE(leftovers(run).empty());
}

// Runs f in a forked child under `limits` (as the app runs: SIGXFSZ ignored); "" when it succeeded, else the
// GanscopeError's message ("crash" or "other exception" for anything else).
std::string inChild(const test::ChildLimits& limits, const std::function<void()>& f) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    failWritesPastFileSizeLimit();
    if (!test::applyChildLimits(limits)) ::_exit(3);
    int code = 0;
    std::string message;
    try {
      f();
    } catch (const GanscopeError& e) {
      message = e.what();
      code = 1;
    } catch (...) {
      code = 2;
    }
    if (::write(fds[1], message.data(), message.size()) < 0) code = 4;
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string message;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) message.append(buf, size_t(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status)) return "crash (signal " + std::to_string(WTERMSIG(status)) + ")";
  if (WEXITSTATUS(status) == 0) return "";
  if (WEXITSTATUS(status) == 1) return message.empty() ? "empty message" : message;
  return "child exit " + std::to_string(WEXITSTATUS(status));
}

ImageU8 noise(int size) {
  ImageU8 im;
  im.width = im.height = size;
  im.channels = 3;
  im.pixels.resize(size_t(size) * size * 3);
  uint32_t x = 12345;
  for (auto& p : im.pixels) p = uint8_t((x = x * 1664525u + 1013904223u) >> 24);
  return im;
}

TEST_F(FullDisk, ExportsIntoAFullOrReadOnlyFolderFailCleanlyAndLeaveNoPartialFile) {
  const std::string out = dir_ / "exports";
  fs::create_directories(out);
  ::chmod(out.c_str(), kRoot ? 0755 : 0555);  // read-only to "nobody" (root's folder) or to us
  const test::ChildLimits full{16 * 1024, false}, read_only{-1, true};
  auto png = [&] { writePng(out + "/grid.png", noise(512)); };
  auto apng = [&] {
    auto w = AnimationWriter::open(out + "/walk.png", 10, {});
    for (int i = 0; i < 8; ++i) w->add(noise(128));
    w->finish();
  };
  auto mp4 = [&] {
    auto w = AnimationWriter::open(out + "/walk.mp4", 10, {});
    for (int i = 0; i < 60; ++i) w->add(noise(128));
    w->finish();
  };
  const std::vector<std::tuple<std::string, std::string, std::function<void()>>> cases = {
      {"PNG", "grid.png", png}, {"animated PNG", "walk.png", apng}, {"MP4", "walk.mp4", mp4}};
  for (const auto& [limits, what] : {std::pair{full, "full"}, std::pair{read_only, "read-only"}}) {
    if (!kRoot && !limits.as_nobody) ::chmod(out.c_str(), 0755);  // the full-disk case needs a writable folder
    if (!kRoot && limits.as_nobody) ::chmod(out.c_str(), 0555);
    for (const auto& [kind, name, f] : cases) {
      SCOPED_TRACE(std::string(kind) + " into a " + what + " folder");
      const std::string message = inChild(limits, f);
      ASSERT_FALSE(message.empty()) << "the export succeeded";
      std::printf("%s into a %s folder: %s\n", kind.c_str(), what, message.c_str());
      EXPECT_NE(message.find(out + "/" + name), std::string::npos) << message;
      EXPECT_EQ(message.find("crash"), std::string::npos) << message;
      EXPECT_FALSE(fs::exists(out + "/" + name)) << "a partial file was left";
      EXPECT_TRUE(leftovers(out).empty()) << leftovers(out).front();
    }
  }
  ::chmod(out.c_str(), 0755);
}

}  // namespace
}  // namespace gs

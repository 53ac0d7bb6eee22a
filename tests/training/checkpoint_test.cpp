// Checkpoint files: round trips, generator-only files, and every kind of bad file is a clear error.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "models/networks.h"
#include "training/checkpoint.h"
#include "training/trainer.h"
#include "training/tiny_data.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Runs f, which must throw GanscopeError whose message names `path` and contains `words`.
template <typename F>
void expectFileError(F f, const std::string& path, const std::string& words) {
  try {
    f();
    ADD_FAILURE() << "expected GanscopeError for " << path;
  } catch (const GanscopeError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << "message should name the file: " << msg;
    EXPECT_NE(msg.find(words), std::string::npos) << "message should say '" << words << "': " << msg;
  }
}

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::tempDir("ckpt");
    data_ = test::shapesDataset();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  std::string dir_;
  std::shared_ptr<ImageDataset> data_;
};

TEST_F(CheckpointTest, RoundTripRestoresWeightsAndCounters) {
  Trainer a(test::tinyConfig(), data_);
  for (int i = 0; i < 3; ++i) a.step();
  a.save(path("a.gsck"));
  Trainer b(test::tinyConfig(), data_);
  EXPECT_FALSE(test::sameWeights(*a.generator(), *b.generator()) &&
               test::sameWeights(*a.discriminator(), *b.discriminator()));
  b.load(path("a.gsck"));
  EXPECT_TRUE(test::sameWeights(*a.generator(), *b.generator()));
  EXPECT_TRUE(test::sameWeights(*a.discriminator(), *b.discriminator()));
  EXPECT_TRUE(test::sameWeights(*a.emaGenerator(), *b.emaGenerator()));
  EXPECT_EQ(b.stepCount(), 3);
  EXPECT_EQ(toJson(readCheckpointConfig(path("a.gsck"))), toJson(a.config()));
}

TEST_F(CheckpointTest, GeneratorFileGivesIdenticalSamples) {
  Trainer t(test::tinyConfig(), data_);
  for (int i = 0; i < 3; ++i) t.step();
  const at::Tensor z = t.fixedLatents();
  const at::Tensor expected = t.sample(z, /*use_ema=*/true);
  saveGeneratorFile(path("g.gsgen"), *t.emaGenerator(), t.config(), t.stepCount(), data_->fingerprint());
  t.save(path("full.gsck"));
  EXPECT_LT(fs::file_size(path("g.gsgen")), fs::file_size(path("full.gsck")) / 3);

  for (const std::string& p : {path("g.gsgen"), path("full.gsck")}) {
    const GeneratorFile gf = loadGeneratorFile(p);
    EXPECT_EQ(gf.step, 3);
    EXPECT_EQ(gf.fingerprint, data_->fingerprint());
    EXPECT_EQ(gf.config.model.g_width, 16);
    EXPECT_FALSE(gf.generator->is_training());
    torch::NoGradGuard no_grad;
    EXPECT_TRUE(at::equal(gf.generator->forward(z), expected)) << p;
  }
  const GeneratorFile from_bytes = loadGeneratorBytes(readFile(path("g.gsgen")), "demo");
  EXPECT_EQ(from_bytes.step, 3);
  // A generator-only file can't resume training.
  Trainer u(test::tinyConfig(), data_);
  expectFileError([&] { u.load(path("g.gsgen")); }, path("g.gsgen"), "generator-only");
}

TEST_F(CheckpointTest, BadFilesAreClearErrors) {
  Trainer t(test::tinyConfig(), data_);
  t.step();
  t.save(path("good.gsck"));
  const std::string good = readFile(path("good.gsck"));

  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x10;
  writeBytes(path("flipped.gsck"), flipped);
  writeBytes(path("truncated.gsck"), good.substr(0, good.size() / 2));
  writeBytes(path("zero.gsck"), "");
  // The first bytes of a real PNG file.
  static const char kPngStart[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0";
  writeBytes(path("photo.png"), std::string(kPngStart, sizeof kPngStart - 1));  // 29 bytes, no terminator
  std::string newer = good;
  newer[14] = 9;  // format version right after the 14-byte magic
  writeBytes(path("newer.gsck"), newer);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"flipped.gsck", "damaged"}, {"truncated.gsck", "truncated"}, {"zero.gsck", "empty"},
      {"photo.png", "not a GANscope checkpoint"}, {"newer.gsck", "newer"}, {"missing.gsck", "cannot open"}};
  for (const auto& [name, words] : cases) {
    Trainer u(test::tinyConfig(), data_);
    expectFileError([&] { u.load(path(name)); }, path(name), words);
    expectFileError([&] { loadGeneratorFile(path(name)); }, path(name), words);
    expectFileError([&] { readCheckpointConfig(path(name)); }, path(name), words);
  }
}

TEST_F(CheckpointTest, MismatchedArchitectureOrDataIsAClearError) {
  Trainer t(test::tinyConfig(), data_);
  t.save(path("w16.gsck"));

  TrainConfig narrow = test::tinyConfig();
  narrow.model.g_width = 8;
  Trainer u(narrow, data_);
  expectFileError([&] { u.load(path("w16.gsck")); }, path("w16.gsck"), "g_width 16 in the checkpoint, 8 here");

  Trainer wgan(test::tinyConfig(LossKind::WganGp), data_);
  expectFileError([&] { wgan.load(path("w16.gsck")); }, path("w16.gsck"), "loss");

  const auto other_data = test::shapesDataset(64, 32, /*seed=*/99);
  Trainer v(test::tinyConfig(), other_data);
  expectFileError([&] { v.load(path("w16.gsck")); }, path("w16.gsck"), data_->fingerprint());
  expectFileError([&] { v.load(path("w16.gsck")); }, path("w16.gsck"), other_data->fingerprint());
}

TEST_F(CheckpointTest, CrashDuringWriteKeepsPreviousCheckpoint) {
  Trainer t(test::tinyConfig(), data_);
  t.step();
  const std::string target = path("latest.gsck");
  t.save(target);
  t.step();
  t.save(path("newer.gsck"));
  const std::string newer_bytes = readFile(path("newer.gsck"));

  // A crash before the rename leaves a torn temporary file beside the checkpoint: it must not matter.
  writeBytes(target + ".tmp-1234-5678", newer_bytes.substr(0, newer_bytes.size() / 3));
  EXPECT_EQ(loadGeneratorFile(target).step, 1);

  // A process killed at random moments while rewriting the checkpoint: the file is always old or new, whole.
  for (int round = 0; round < 6; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      // Only plain POSIX work in the child (no LibTorch threads after fork).
      for (;;) {
        try {
          writeFileAtomic(target, newer_bytes);
        } catch (...) {
        }
      }
    }
    usleep(1000 + 4000 * round);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    const int64_t step = loadGeneratorFile(target).step;
    EXPECT_TRUE(step == 1 || step == 2) << "round " << round;
  }
  Trainer u(test::tinyConfig(), data_);
  EXPECT_NO_THROW(u.load(target));
}

TEST_F(CheckpointTest, PruneKeepsTheNewest) {
  std::vector<std::string> files;
  for (int i = 0; i < 5; ++i) {
    files.push_back(path("c" + std::to_string(i)));
    writeBytes(files.back(), "x");
  }
  pruneCheckpoints(files, 2);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(fs::exists(files[i]), i >= 3) << files[i];
  pruneCheckpoints(files, 0);  // keep everything
  EXPECT_TRUE(fs::exists(files[4]));
}

}  // namespace
}  // namespace gs

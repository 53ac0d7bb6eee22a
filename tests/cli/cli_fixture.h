#pragma once
// Shared by the ganscope-cli end-to-end tests: a folder of 32 tiny PNGs (40x36, cropped to 32 px) plus a
// damaged and an empty file, and a helper that runs the built binary (GANSCOPE_CLI_PATH) with captured output.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "export/png_export.h"
#include "run_process.h"
#include "temp_dir.h"
#include "training/run_folder.h"
#include "util/atomic_file.h"

namespace gs {

using Args = std::vector<std::string>;

class CliFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    test::writeTinyImages(*dir_ / "data", 32, 40, 36);  // not square: cropped to 32 px
    writeFileAtomic(*dir_ / "data/broken.png", "\x89PNG\r\n\x1a\n but nothing after");
    writeFileAtomic(*dir_ / "data/empty.png", "");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static test::ProcessResult cli(Args args) {
    args.insert(args.begin(), GANSCOPE_CLI_PATH);
    return test::runProcess(args, dir_->path());
  }
  // A tiny, fast model: 32 px, widths 8, batch 8, on the CPU.
  static Args trainArgs(const std::string& run, int steps) {
    return {"train", "--data", *dir_ / "data", "--out", run, "--res", "32", "--g-width", "8", "--d-width", "8",
            "--nz", "16", "--batch", "8", "--steps", std::to_string(steps), "--device", "cpu", "--threads", "2"};
  }
  static std::vector<StepStats> metrics(const std::string& run) {
    std::ifstream in(RunPaths{run}.metrics());
    std::vector<StepStats> out;
    for (std::string line; std::getline(in, line);) {
      StepStats s;
      EXPECT_TRUE(parseMetricsLine(line, s)) << line;
      out.push_back(s);
    }
    return out;
  }
  static std::string text(const PngText& t, const std::string& key) {
    for (const auto& [k, v] : t)
      if (k == key) return v;
    return "<missing " + key + ">";
  }

  static test::TempDir* dir_;
};

inline test::TempDir* CliFixture::dir_ = nullptr;

}  // namespace gs

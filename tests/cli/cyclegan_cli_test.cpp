// ganscope-cli train --model cyclegan and translate --direction, through the built binary: two classes of a
// labelled folder as the domains, both directions labelled in the recipe, and clear errors for a missing domain or
// a one-way checkpoint asked to go back.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_fixture.h"
#include "pix2pix_fixture.h"

namespace gs {
namespace {

class CycleGanCli : public CliFixture {
 protected:
  static void SetUpTestSuite() {
    CliFixture::SetUpTestSuite();
    const std::filesystem::path data = *dir_ / "shapes";
    for (const auto& [name, r, b] : {std::tuple{"red", 220, 30}, std::tuple{"blue", 30, 220}}) {
      std::filesystem::create_directories(data / name);
      for (int i = 0; i < 6; ++i)
        writePng(data / name / ("s" + std::to_string(i) + ".png"),
                 test::squareImage(40, i, static_cast<uint8_t>(r), 30, static_cast<uint8_t>(b)));
    }
    run_ = *dir_ / "cycle-run";
    const auto r = cli({"train", "--model", "cyclegan", "--data", data, "--class-a", "red", "--class-b", "blue",
                        "--out", run_, "--res", "32", "--g-width", "8", "--d-width", "8", "--batch", "2",
                        "--steps", "2", "--device", "cpu", "--threads", "2"});
    train_out_ = r.out;
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  static inline std::string run_, train_out_;
};

TEST_F(CycleGanCli, TrainsOnTwoClassesWithLeastSquaresAndCycleTerms) {
  EXPECT_NE(train_out_.find("A = red (6 images), B = blue (6 images)"), std::string::npos) << train_out_;
  EXPECT_NE(train_out_.find("loss lsgan"), std::string::npos) << train_out_;
  EXPECT_NE(train_out_.find("cycle weight 10, identity 0.5 x cycle, pool 50"), std::string::npos) << train_out_;
  const auto m = metrics(run_);
  ASSERT_FALSE(m.empty());
  EXPECT_TRUE(m.back().has_cycle);
}

TEST_F(CycleGanCli, TranslatesBothWaysWithTheDirectionInTheRecipe) {
  const std::string input = *dir_ / "shapes/red/s1.png";
  const std::string checkpoint = RunPaths{run_}.checkpointFile(2);
  for (const char* direction : {"a2b", "b2a"}) {
    const std::string out = *dir_ / (std::string(direction) + ".png");
    const auto r = cli({"translate", "--checkpoint", checkpoint, "--input", input, "--out", out, "--direction",
                        direction});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const PngText t = readPngText(out);
    EXPECT_EQ(text(t, "AI-generated"), "true");
    EXPECT_EQ(text(t, "Direction"), direction == std::string("a2b") ? "A -> B (red -> blue)" : "B -> A (blue -> red)");
    EXPECT_EQ(readPng(out).width, 32);
  }
  const auto bad = cli({"translate", "--checkpoint", checkpoint, "--input", input, "--out", *dir_ / "x.png",
                        "--direction", "sideways"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("expected a2b or b2a"), std::string::npos) << bad.err;
}

TEST_F(CycleGanCli, RefusesAMissingSecondDomain) {
  const auto r = cli({"train", "--model", "cyclegan", "--data", *dir_ / "shapes", "--out", *dir_ / "nope"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("needs a second domain"), std::string::npos) << r.err;
  const auto p = cli({"train", "--model", "dcgan", "--data", *dir_ / "shapes", "--data-b", dir_->path(), "--out",
                      *dir_ / "nope2"});
  EXPECT_NE(p.exit_code, 0);
  EXPECT_NE(p.err.find("--data-b is for CycleGAN"), std::string::npos) << p.err;
}

}  // namespace
}  // namespace gs

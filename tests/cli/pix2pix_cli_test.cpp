// ganscope-cli train --model pix2pix and translate, through the built binary: an edges run end to end, a
// translated PNG carrying the AI-generated label and the recipe, folders, and clear errors for bad input.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_fixture.h"
#include "pix2pix_fixture.h"
#include "util/atomic_file.h"
#include "util/fnv64.h"

namespace gs {
namespace {

class Pix2PixCli : public CliFixture {
 protected:
  static void SetUpTestSuite() {
    CliFixture::SetUpTestSuite();
    test::writeSquares(*dir_ / "squares", 10, 40);
    run_ = *dir_ / "p2p-run";
    const auto r = cli({"train", "--model", "pix2pix", "--pairs", "edges", "--data", *dir_ / "squares", "--out", run_,
                        "--res", "32", "--g-width", "8", "--d-width", "8", "--batch", "4", "--steps", "3",
                        "--device", "cpu", "--threads", "2"});
    train_out_ = r.out;
    train_code_ = r.exit_code;
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  static std::string checkpoint() { return RunPaths{run_}.checkpointFile(3); }
  static inline std::string run_, train_out_;
  static inline int train_code_ = -1;
};

TEST_F(Pix2PixCli, TrainsFromAnEdgesFolder) {
  EXPECT_NE(train_out_.find("pairs: edges (A -> B), A = Canny edges"), std::string::npos) << train_out_;
  EXPECT_NE(train_out_.find("pix2pix 32 px"), std::string::npos) << train_out_;
  const auto m = metrics(run_);
  ASSERT_FALSE(m.empty());
  EXPECT_TRUE(m.back().has_l1);
  EXPECT_TRUE(std::filesystem::exists(checkpoint()));
  EXPECT_TRUE(std::filesystem::exists(RunPaths{run_}.sampleFile(3)));
  // `data --pairs` shows the same pairs before training.
  const auto r = cli({"data", "--data", *dir_ / "squares", "--pairs", "edges", "--res", "32"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("10 images used of 10 files"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("input 1 channel(s), output 3 channel(s)"), std::string::npos) << r.out;
}

TEST_F(Pix2PixCli, TranslateWritesALabelledPngWithItsRecipe) {
  const std::string input = *dir_ / "squares/img_003.png", out = *dir_ / "translated.png";
  const auto r = cli({"translate", "--checkpoint", checkpoint(), "--input", input, "--out", out, "--from-photo"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const ImageU8 image = readPng(out);
  EXPECT_EQ(image.width, 32);
  EXPECT_EQ(image.channels, 3);
  const PngText t = readPngText(out);
  EXPECT_EQ(text(t, "AI-generated"), "true");
  EXPECT_EQ(text(t, "Checkpoint"), "step_000003.gsck");
  EXPECT_EQ(text(t, "Direction"), "edges -> image");
  EXPECT_EQ(text(t, "Input"), "img_003.png");
  const std::string bytes = readFile(input);
  Fnv64 h;
  h.add(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  EXPECT_EQ(text(t, "Input fingerprint"), h.hex());
  EXPECT_NE(text(t, "Input treatment").find("Canny"), std::string::npos);
}

TEST_F(Pix2PixCli, TranslateAFolderSkipsWhatIsNotAnImage) {
  const std::string in = *dir_ / "to-translate";
  test::writeSquares(in, 2, 32);
  writeFileAtomic(in + "/notes.txt", "not an image");
  const auto r = cli({"translate", "--checkpoint", checkpoint(), "--input", in, "--out", *dir_ / "outdir"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(std::filesystem::exists(*dir_ / "outdir/img_000.png"));
  EXPECT_TRUE(std::filesystem::exists(*dir_ / "outdir/img_001.png"));
  EXPECT_NE(r.err.find("notes.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("wrote 2 image(s)"), std::string::npos) << r.out;
}

TEST_F(Pix2PixCli, BadInputGivesAClearErrorNamingIt) {
  // A latent model's checkpoint.
  const std::string dcgan = *dir_ / "dcgan-run";
  ASSERT_EQ(cli(trainArgs(dcgan, 1)).exit_code, 0);
  auto r = cli({"translate", "--checkpoint", RunPaths{dcgan}.checkpointFile(1), "--input",
                *dir_ / "squares/img_000.png", "--out", *dir_ / "x.png"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("holds a dcgan model"), std::string::npos) << r.err;
  // A damaged input image.
  r = cli({"translate", "--checkpoint", checkpoint(), "--input", *dir_ / "data/broken.png", "--out", *dir_ / "y.png"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("broken.png"), std::string::npos) << r.err;
  // A side-by-side folder whose only image has an odd width.
  const std::string odd = *dir_ / "odd";
  std::filesystem::create_directories(odd);
  writePng(odd + "/pair.png", test::solidImage(33, 16, 5, 5, 5));
  r = cli({"train", "--model", "pix2pix", "--data", odd, "--out", *dir_ / "odd-run", "--res", "32", "--steps", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("pair.png: width 33 is odd"), std::string::npos) << r.err;
  // pix2pix flags on a latent model.
  r = cli({"train", "--data", odd, "--out", *dir_ / "z", "--pairs", "edges"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--pairs is for image-to-image models"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gs

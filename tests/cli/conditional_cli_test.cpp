// `ganscope-cli train --conditional` and `sample --class` end to end: labels from the data's subfolders, the
// one-row-per-class grid, --class by index and by name (recorded in the PNG), resume, and the errors.
#include "cli_fixture.h"

namespace gs {
namespace {

// DIR/red and DIR/blue, 8 PNGs each (32 px).
void writeTwoClasses(const std::string& dir) {
  for (int k = 0; k < 2; ++k) {
    const std::string sub = dir + (k == 0 ? "/red" : "/blue");
    std::filesystem::create_directories(sub);
    for (int i = 0; i < 8; ++i) {
      ImageU8 im;
      im.width = im.height = 32;
      im.channels = 3;
      im.pixels.assign(32 * 32 * 3, 40);
      for (size_t p = 0; p < 32 * 32; ++p) im.pixels[p * 3 + (k == 0 ? 0 : 2)] = static_cast<uint8_t>(150 + 10 * i);
      writePng(sub + "/img_" + std::to_string(i) + ".png", im);
    }
  }
}

TEST_F(CliFixture, ConditionalRunTrainsResumesAndSamplesPerClass) {
  const std::string data = *dir_ / "classes";
  writeTwoClasses(data);
  const std::string run = *dir_ / "cond-run";
  const RunPaths paths{run};
  Args args = trainArgs(run, 4);
  args[2] = data;  // --data
  for (const char* a : {"--conditional", "--checkpoint-every", "4", "--sample-every", "4"}) args.push_back(a);
  auto r = cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 classes: 0 blue (8), 1 red (8)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("conditional on 2 classes"), std::string::npos) << r.out;
  const TrainConfig stored = trainConfigFromJson(readFile(paths.config()));
  EXPECT_TRUE(stored.data.class_labels);
  EXPECT_EQ(stored.model.num_classes, 2);
  EXPECT_EQ(stored.model.class_names, (std::vector<std::string>{"blue", "red"}));
  // The training grid: one row per class (2 rows of the default 8 columns).
  const ImageU8 training_grid = readPng(paths.sampleFile(4));
  EXPECT_EQ(training_grid.width, 8 * 32 + 9 * 2);
  EXPECT_EQ(training_grid.height, 2 * 32 + 3 * 2);

  r = cli({"train", "--out", run, "--resume", "--steps", "6"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("done: 6 steps"), std::string::npos) << r.out;

  const std::string ck = paths.checkpointFile(6);
  const std::string grid = *dir_ / "cond-grid.png";
  r = cli({"sample", "--checkpoint", ck, "--n", "3", "--out", grid});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("one row per class"), std::string::npos) << r.out;
  const ImageU8 g = readPng(grid);
  EXPECT_EQ(g.width, 3 * 32 + 4 * 2);
  EXPECT_EQ(g.height, 2 * 32 + 3 * 2);
  EXPECT_EQ(text(readPngText(grid), "Classes"), "one row per class: 0 blue, 1 red");

  // --class by index and by name: the same images; recorded as "Class".
  const std::string by_index = *dir_ / "c1.png", by_name = *dir_ / "red.png", other = *dir_ / "c0.png";
  r = cli({"sample", "--checkpoint", ck, "--n", "2", "--class", "1", "--out", by_index});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = cli({"sample", "--checkpoint", ck, "--n", "2", "--class", "Red", "--out", by_name});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = cli({"sample", "--checkpoint", ck, "--n", "2", "--class", "blue", "--out", other});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(readPng(by_index).pixels, readPng(by_name).pixels);
  EXPECT_NE(readPng(by_index).pixels, readPng(other).pixels) << "the class changes the images";
  EXPECT_EQ(text(readPngText(by_name), "Class"), "1 red");
  // Single files record each image's class.
  const std::string out_dir = *dir_ / "cond-files";
  r = cli({"sample", "--checkpoint", ck, "--n", "2", "--out-dir", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(text(readPngText(out_dir + "/sample_0001.png"), "Class"), "1 red");

  r = cli({"sample", "--checkpoint", ck, "--class", "green", "--out", *dir_ / "x.png"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("unknown class 'green'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0 blue, 1 red"), std::string::npos) << r.err;
  r = cli({"sample", "--checkpoint", ck, "--class", "2", "--out", *dir_ / "x.png"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("out of range"), std::string::npos) << r.err;
}

TEST_F(CliFixture, ClassOnAnUnconditionalModelAndImagesOutsideClassFolders) {
  const std::string run = *dir_ / "plain-run";
  auto r = cli(trainArgs(run, 2));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = cli({"sample", "--checkpoint", RunPaths{run}.checkpointFile(2), "--class", "1", "--out", *dir_ / "x.png"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("unconditional"), std::string::npos) << r.err;

  // The fixture's data folder holds its images directly: no class folders.
  Args args = trainArgs(*dir_ / "bad-cond", 2);
  args.push_back("--conditional");
  r = cli(args);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not inside a class subfolder"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gs

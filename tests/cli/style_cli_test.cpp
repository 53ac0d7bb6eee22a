// `ganscope-cli train --model style` end to end: a new run takes the style defaults, resumes, and its
// checkpoints sample like any other.
#include "cli_fixture.h"

namespace gs {
namespace {

TEST_F(CliFixture, StyleRunTrainsResumesAndSamples) {
  const std::string run = *dir_ / "style-run";
  const RunPaths paths{run};
  Args args = trainArgs(run, 4);
  for (const char* a : {"--model", "style", "--mapping-layers", "2", "--g-width", "4", "--d-width", "4",
                        "--checkpoint-every", "4", "--sample-every", "4", "--lr-d", "0.001"})
    args.push_back(a);
  auto r = cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("style 32 px"), std::string::npos) << r.out;
  const TrainConfig stored = trainConfigFromJson(readFile(paths.config()));
  EXPECT_EQ(stored.model.kind, ModelKind::Style);
  EXPECT_EQ(stored.model.mapping_layers, 2);
  const OptimConfig style = defaultOptim(ModelKind::Style, 32);
  EXPECT_DOUBLE_EQ(stored.optim.lr_g, style.lr_g);
  EXPECT_DOUBLE_EQ(stored.optim.lr_d, 0.001) << "a flag the user gave wins over the style default";
  EXPECT_DOUBLE_EQ(stored.optim.beta1, style.beta1);
  EXPECT_DOUBLE_EQ(stored.optim.r1_gamma, style.r1_gamma);

  r = cli({"train", "--out", run, "--resume", "--steps", "6"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("done: 6 steps"), std::string::npos) << r.out;
  EXPECT_DOUBLE_EQ(trainConfigFromJson(readFile(paths.config())).optim.lr_d, 0.001) << "resume keeps the run's rates";

  const std::string grid = *dir_ / "style-grid.png";
  r = cli({"sample", "--checkpoint", paths.checkpointFile(6), "--n", "4", "--seed", "3", "--truncation", "0.5",
           "--out", grid});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(readPng(grid).width, 2 * 32 + 3 * 2);
  EXPECT_EQ(text(readPngText(grid), "Truncation"), "0.5");

  // The explorer's style controls reproduce from the command line (a 32 px generator has 7 synthesis layers): given inline or as a file, recorded in the
  // PNG, and they change the picture.
  const std::string plain = *dir_ / "plain.png", mixed = *dir_ / "mixed.png", from_file = *dir_ / "file.png";
  const std::string controls = R"({"seed_b": 11, "noise_seed": 5, "layers": [{"from_b": true}, {"from_b": true}, {}, {}, {}, {}, {}]})";
  r = cli({"sample", "--checkpoint", paths.checkpointFile(6), "--n", "1", "--seed", "3", "--out", plain});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = cli({"sample", "--checkpoint", paths.checkpointFile(6), "--n", "1", "--seed", "3", "--style", controls,
           "--out", mixed});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(readPng(plain).pixels, readPng(mixed).pixels) << "mixing the coarse layers from B changes the image";
  const std::string recorded = text(readPngText(mixed), "Style controls");
  EXPECT_NE(recorded.find("\"seed_b\":11"), std::string::npos) << recorded;
  writeFileAtomic(*dir_ / "controls.json", recorded);
  r = cli({"sample", "--checkpoint", paths.checkpointFile(6), "--n", "1", "--seed", "3", "--style",
           *dir_ / "controls.json", "--out", from_file});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(readPng(from_file).pixels, readPng(mixed).pixels) << "the recorded recipe renders the same image";

  r = cli({"sample", "--checkpoint", paths.checkpointFile(6), "--n", "1", "--style", "{not json", "--out", plain});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--style JSON"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gs

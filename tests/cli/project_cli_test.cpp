// `ganscope-cli project` end to end: an image the generator made is found again, and `sample --latent` renders
// the latent file it writes close to the target (the same pixels as --save-image); a full checkpoint's
// discriminator is used, a generator-only file says it has none; bad images and flags get clear errors.
#include "cli_fixture.h"
#include "explore/projector.h"

namespace gs {
namespace {

TEST_F(CliFixture, ProjectThenSampleRendersTheTarget) {
  const std::string run = *dir_ / "project-run";
  Args args = trainArgs(run, 10);
  for (const char* a : {"--checkpoint-every", "10", "--sample-every", "10"}) args.push_back(a);
  auto r = cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string ckpt = RunPaths{run}.checkpointFile(10);

  // The target: an image the generator made from seed 5; the start: seed 0's.
  r = cli({"sample", "--checkpoint", ckpt, "--n", "1", "--seed", "5", "--out-dir", *dir_ / "target"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = cli({"sample", "--checkpoint", ckpt, "--n", "1", "--seed", "0", "--out-dir", *dir_ / "start"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string target = *dir_ / "target/sample_0000.png";
  const double start_error = meanAbsoluteError(readPng(*dir_ / "start/sample_0000.png"), readPng(target));

  const std::string latent = *dir_ / "latent.json", result = *dir_ / "result.png";
  r = cli({"project", "--checkpoint", ckpt, "--image", target, "--out", latent, "--steps", "150", "--save-image",
           result});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("wrote " + latent + ": z latent after 150 steps"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("step 150/150"), std::string::npos) << r.err;  // the progress lines (not a TTY)
  EXPECT_EQ(r.err.find("no discriminator"), std::string::npos) << "a full checkpoint holds D: " << r.err;
  EXPECT_NE(readFile(latent).find("\"space\": \"z\""), std::string::npos);

  r = cli({"sample", "--checkpoint", ckpt, "--latent", latent, "--out-dir", *dir_ / "back"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const ImageU8 back = readPng(*dir_ / "back/sample_0000.png");
  const double error = meanAbsoluteError(back, readPng(target));
  EXPECT_LT(error, 4.0) << "from " << start_error;
  EXPECT_LT(error, start_error / 4);
  EXPECT_EQ(back.pixels, readPng(result).pixels) << "--save-image shows what the latent file renders";
  EXPECT_EQ(text(readPngText(result), "Projected from"), target);

  // A generator-only file has no discriminator: pixel losses only, and it says so.
  const std::string gsgen = *dir_ / "project.gsgen";
  ASSERT_EQ(cli({"export-generator", "--checkpoint", ckpt, "--out", gsgen}).exit_code, 0);
  r = cli({"project", "--checkpoint", gsgen, "--image", target, "--out", *dir_ / "g.json", "--steps", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find(gsgen + ": no discriminator in this file: pixel losses only"), std::string::npos) << r.err;

  // Bad input names the file or the flag.
  r = cli({"project", "--checkpoint", ckpt, "--image", *dir_ / "data/broken.png", "--out", *dir_ / "b.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(*dir_ / "data/broken.png: "), std::string::npos) << r.err;
  r = cli({"project", "--checkpoint", *dir_ / "nope.gsck", "--image", target, "--out", *dir_ / "b.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(*dir_ / "nope.gsck"), std::string::npos) << r.err;
  r = cli({"project", "--checkpoint", ckpt, "--image", target, "--out", *dir_ / "b.json", "--space", "w"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("needs a style-based generator"), std::string::npos) << r.err;
  r = cli({"project", "--checkpoint", ckpt, "--image", target, "--out", *dir_ / "b.json", "--space", "q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--space"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gs

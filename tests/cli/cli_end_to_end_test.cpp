// ganscope-cli end to end: the built binary trains, resumes, samples, exports and renders a latent walk on a
// folder of tiny PNGs, and checkpoints cleanly on Ctrl-C.
#include <signal.h>

#include <chrono>
#include <thread>

#include "cli_fixture.h"
#include "explore/generator_session.h"
#include "training/checkpoint.h"

namespace gs {
namespace {

TEST_F(CliFixture, TrainResumeSampleInfoExport) {
  const std::string run = *dir_ / "run";
  const RunPaths paths{run};
  Args args = trainArgs(run, 20);
  for (const char* a : {"--log-every", "5", "--sample-every", "10", "--checkpoint-every", "10", "--keep", "2"})
    args.push_back(a);

  // Train 20 steps.
  auto r = cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("32 images used of 34 files, 2 skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("broken.png"), std::string::npos);
  EXPECT_NE(r.out.find("step 20/20"), std::string::npos) << r.out;  // plain lines: stdout is not a TTY
  EXPECT_NE(r.out.find("done: 20 steps"), std::string::npos);
  const TrainConfig stored = trainConfigFromJson(readFile(paths.config()));
  EXPECT_EQ(stored.total_steps, 20);
  EXPECT_EQ(stored.model.resolution, 32);
  EXPECT_EQ(stored.model.channels, 3);
  auto m = metrics(run);
  ASSERT_EQ(m.size(), 4u);
  for (size_t i = 0; i < m.size(); ++i) EXPECT_EQ(m[i].step, 5 * static_cast<int64_t>(i + 1));
  EXPECT_EQ(m.back().images_seen, 20 * 8);
  EXPECT_EQ(listSamples(run), (std::vector<std::string>{paths.sampleFile(10), paths.sampleFile(20)}));
  EXPECT_EQ(listCheckpoints(run), (std::vector<std::string>{paths.checkpointFile(10), paths.checkpointFile(20)}));
  const ImageU8 grid = readPng(paths.sampleFile(20));
  EXPECT_EQ(grid.width, 8 * 32 + 9 * 2);  // default 8x8 grid, 2 px padding
  EXPECT_EQ(text(readPngText(paths.sampleFile(20)), "AI-generated"), "true");

  // Training again into the same folder without --resume is refused, naming the folder.
  r = cli(args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(run + ": already holds a run with checkpoints"), std::string::npos) << r.err;

  // Resume to 30 steps: metrics continue without duplicates; keep 2 prunes step 10.
  r = cli({"train", "--out", run, "--resume", "--steps", "30", "--lr-g", "0.1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("ignored on --resume"), std::string::npos);
  EXPECT_NE(r.out.find("done: 30 steps"), std::string::npos);
  m = metrics(run);
  ASSERT_EQ(m.size(), 6u);
  for (size_t i = 0; i < m.size(); ++i) EXPECT_EQ(m[i].step, 5 * static_cast<int64_t>(i + 1));
  EXPECT_EQ(m.back().images_seen, 30 * 8);
  EXPECT_EQ(listCheckpoints(run), (std::vector<std::string>{paths.checkpointFile(20), paths.checkpointFile(30)}));
  const TrainConfig resumed = trainConfigFromJson(readFile(paths.config()));
  EXPECT_EQ(resumed.total_steps, 30);
  EXPECT_DOUBLE_EQ(resumed.optim.lr_g, stored.optim.lr_g);  // model settings stay the run's own

  // A 3x2 grid with its recipe in the PNG metadata.
  const std::string ckpt = paths.checkpointFile(30);
  r = cli({"sample", "--checkpoint", ckpt, "--grid", "3x2", "--seed", "7", "--truncation", "0.8", "--out",
           *dir_ / "grid.png"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const ImageU8 g = readPng(*dir_ / "grid.png");
  EXPECT_EQ(g.width, 3 * 32 + 4 * 2);
  EXPECT_EQ(g.height, 2 * 32 + 3 * 2);
  PngText t = readPngText(*dir_ / "grid.png");
  EXPECT_EQ(text(t, "AI-generated"), "true");
  EXPECT_EQ(text(t, "Step"), "30");
  EXPECT_EQ(text(t, "Truncation"), "0.8");
  EXPECT_EQ(text(t, "Checkpoint"), "step_000030.gsck");
  EXPECT_EQ(text(t, "Grid"), "3x2");
  EXPECT_EQ(text(t, "Seed").rfind("7", 0), 0u);
  EXPECT_EQ(text(t, "Model fingerprint").size(), 16u);

  // Single images: sample_0000.png ... with one seed each; the same seed renders the same image.
  r = cli({"sample", "--checkpoint", ckpt, "--n", "3", "--seed", "5", "--out-dir", *dir_ / "singles"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int i = 0; i < 3; ++i) {
    const std::string path = *dir_ / ("singles/sample_000" + std::to_string(i) + ".png");
    EXPECT_EQ(readPng(path).width, 32);
    EXPECT_EQ(text(readPngText(path), "Seed"), std::to_string(5 + i));
  }
  EXPECT_FALSE(std::filesystem::exists(*dir_ / "singles/sample_0003.png"));
  r = cli({"sample", "--checkpoint", ckpt, "--n", "1", "--seed", "6", "--out-dir", *dir_ / "again"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(readPng(*dir_ / "again/sample_0000.png").pixels, readPng(*dir_ / "singles/sample_0001.png").pixels);

  r = cli({"info", "--checkpoint", ckpt});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("step        30"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"total_steps\": 30"), std::string::npos);

  // Generator-only export: smaller, and renders what the checkpoint renders.
  const std::string gen = *dir_ / "demo.gsgen";
  r = cli({"export-generator", "--checkpoint", ckpt, "--out", gen});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(std::filesystem::file_size(gen), std::filesystem::file_size(ckpt));
  EXPECT_EQ(loadGeneratorFile(gen).step, 30);
  r = cli({"sample", "--checkpoint", gen, "--n", "1", "--seed", "6", "--out-dir", *dir_ / "fromgen"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(readPng(*dir_ / "fromgen/sample_0000.png").pixels, readPng(*dir_ / "again/sample_0000.png").pixels);

  // An edit along the first SeFa direction changes the image, is recorded, and the recorded text renders it again.
  r = cli({"sample", "--checkpoint", gen, "--n", "1", "--seed", "6", "--directions", "0:+2", "--out-dir",
           *dir_ / "edited"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string edited = *dir_ / "edited/sample_0000.png";
  EXPECT_NE(readPng(edited).pixels, readPng(*dir_ / "again/sample_0000.png").pixels);
  const std::string recorded = text(readPngText(edited), "Directions");
  EXPECT_EQ(recorded.rfind("0:+2 (SeFa", 0), 0u) << recorded;
  r = cli({"sample", "--checkpoint", gen, "--n", "1", "--seed", "6", "--directions", recorded, "--out-dir",
           *dir_ / "edited2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(readPng(*dir_ / "edited2/sample_0000.png").pixels, readPng(edited).pixels);
  r = cli({"sample", "--checkpoint", gen, "--n", "1", "--directions", "0:abc", "--out-dir", *dir_ / "bad"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("0:abc"), std::string::npos) << r.err;

  // A latent walk from seed 6 to 7 as an animated PNG: its first frame (what a still viewer shows) is seed 6's
  // image; it is labelled and records the walk.
  const std::string walk = *dir_ / "walk.png";
  r = cli({"video", "--checkpoint", gen, "--seeds", "6,7", "--frames", "3", "--no-loop", "--scale", "1", "--out", walk});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("4 frames"), std::string::npos) << r.out;
  EXPECT_EQ(readPng(walk).pixels, readPng(*dir_ / "again/sample_0000.png").pixels);
  EXPECT_EQ(text(readPngText(walk), "AI-generated"), "true");
  EXPECT_NE(text(readPngText(walk), "Latent walk").find("seeds 6,7"), std::string::npos);
  // A sweep along direction 0 starts at the unedited image (sin 0 = 0) and records what it swept.
  const std::string sweep = *dir_ / "sweep.png";
  r = cli({"video", "--checkpoint", gen, "--sweep", "0", "--seeds", "6", "--frames", "4", "--scale", "1", "--out",
           sweep});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(readPng(sweep).pixels, readPng(*dir_ / "again/sample_0000.png").pixels);
  EXPECT_EQ(text(readPngText(sweep), "Directions").rfind("direction 0 swept +-3 sigma (SeFa", 0), 0u)
      << text(readPngText(sweep), "Directions");
  r = cli({"video", "--checkpoint", gen, "--out", *dir_ / "walk.gif"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("walk.gif"), std::string::npos) << r.err;
  r = cli({"video", "--checkpoint", gen, "--seeds", "6", "--out", walk});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST_F(CliFixture, InterruptCheckpointsAndExitsCleanly) {
  const std::string run = *dir_ / "interrupted";
  Args args = trainArgs(run, 1000000);
  for (const char* a : {"--log-every", "1", "--checkpoint-every", "100000"}) args.push_back(a);
  args.insert(args.begin(), GANSCOPE_CLI_PATH);
  const pid_t pid = test::startProcess(args, *dir_ / "int.out", *dir_ / "int.err");

  // Wait until a few steps are logged, then Ctrl-C.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (metrics(run).size() < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(metrics(run).size(), 3u) << readFile(*dir_ / "int.err");
  ::kill(pid, SIGINT);
  EXPECT_EQ(test::waitProcess(pid, 60), 0) << readFile(*dir_ / "int.err");

  const std::string out = readFile(*dir_ / "int.out");
  EXPECT_NE(out.find("stopped at step"), std::string::npos) << out;
  EXPECT_NE(out.find("--resume"), std::string::npos);
  const auto checkpoints = listCheckpoints(run);
  ASSERT_EQ(checkpoints.size(), 1u);
  const GeneratorFile g = loadGeneratorFile(checkpoints.back());
  EXPECT_GE(g.step, 3);
  EXPECT_EQ(stepOfFile(checkpoints.back()), g.step);
  EXPECT_EQ(GeneratorSession::open(checkpoints.back())->render(std::vector<float>(16, 0.f)).width, 32);
}

}  // namespace
}  // namespace gs

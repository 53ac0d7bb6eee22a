// CycleGAN training: exact resume (networks, optimisers, both image pools, both batch streams, RNG), refusal of a
// checkpoint of other data, an easy unpaired translation it learns (red squares <-> blue squares), and a run
// folder from two folders: metrics with the cycle and identity terms, round-trip grids, resume, translate both
// ways from the checkpoint.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>

#include "data/unpaired_dataset.h"
#include "export/png_export.h"
#include "pix2pix_fixture.h"
#include "temp_dir.h"
#include "training/cyclegan_trainer.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "training/translator_file.h"
#include "translate/image_translator.h"
#include "util/error.h"
#include "util/tensor_image.h"

namespace gs {
namespace {

// n squares of one colour on white; `offset` moves them so the two domains are not pairs.
std::shared_ptr<ImageDataset> squares(int n, uint8_t r, uint8_t g, uint8_t b, int offset, int res = 32) {
  std::vector<uint8_t> pixels;
  for (int i = 0; i < n; ++i) {
    const ImageU8 im = test::squareImage(res, i + offset, r, g, b);
    pixels.insert(pixels.end(), im.pixels.begin(), im.pixels.end());
  }
  return ImageDataset::fromPixels(pixels, n, 3, res, "squares");
}

UnpairedDataset redAndBlue(int n_a, int n_b) {
  UnpairedDataset d;
  d.a = squares(n_a, 220, 30, 30, 0);
  d.b = squares(n_b, 30, 30, 220, 7);
  d.summary.source = "squares";
  return d;
}

TrainConfig tinyCycleGan() {
  TrainConfig c;
  c.model.kind = ModelKind::CycleGan;
  c.model.resolution = c.data.resolution = 32;
  c.model.g_width = c.model.d_width = 8;
  c.optim = defaultOptim(ModelKind::CycleGan, 32);
  c.optim.pool_size = 3;
  c.data.path_b = "b";
  c.batch = 2;
  c.device = "cpu";
  c.threads = 2;
  c.data.hflip = true;
  c.seed = 5;
  return c;
}

TEST(CycleGanTrainer, ResumesExactlyWithItsPools) {
  test::TempDir dir;
  const TrainConfig c = tinyCycleGan();
  const UnpairedDataset data = redAndBlue(7, 5);
  CycleGanTrainer straight(c, data);
  std::vector<StepStats> want;
  for (int i = 0; i < 6; ++i) want.push_back(straight.step());

  CycleGanTrainer first(c, data);
  for (int i = 0; i < 3; ++i) first.step();
  EXPECT_EQ(first.poolSize(true), 3);  // full after 2 steps of 2: the third step already swapped
  first.save(dir / "ck.gsck");
  torch::manual_seed(999);  // someone else using the global RNG between the sessions changes nothing
  (void)at::rand({100});
  CycleGanTrainer resumed(c, data);
  resumed.load(dir / "ck.gsck");
  EXPECT_EQ(resumed.stepCount(), 3);
  EXPECT_EQ(resumed.poolSize(false), 3);
  for (int i = 3; i < 6; ++i) {
    const StepStats s = resumed.step();
    EXPECT_EQ(s.g_loss, want[i].g_loss) << "step " << i + 1;
    EXPECT_EQ(s.d_loss, want[i].d_loss) << "step " << i + 1;
    EXPECT_EQ(s.cycle, want[i].cycle);
    EXPECT_EQ(s.identity, want[i].identity);
  }
  const at::Tensor probe = at::rand({2, 3, 32, 32}) * 2 - 1;
  EXPECT_TRUE(at::equal(straight.translate(probe), resumed.translate(probe)));
  EXPECT_TRUE(at::equal(straight.translate(probe, true), resumed.translate(probe, true)));

  CycleGanTrainer other(c, redAndBlue(7, 4));
  try {
    other.load(dir / "ck.gsck");
    FAIL() << "loaded a checkpoint of other images";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("trained on other images"), std::string::npos) << e.what();
  }
}

// Mean of (blue - red) over the square's pixels of the inputs (not white): > 0 where squares came out blue.
double blueness(const at::Tensor& out, const at::Tensor& in) {
  const at::Tensor square = (std::get<0>(in.min(1)) < 0.9).to(at::kFloat);  // [N, H, W]
  const at::Tensor diff = out.select(1, 2) - out.select(1, 0);
  return ((diff * square).sum() / square.sum()).item<double>();
}

TEST(CycleGanTrainer, LearnsRedSquaresToBlueAndBack) {
  TrainConfig c = tinyCycleGan();
  c.batch = 4;
  c.optim.lr_g = c.optim.lr_d = 1e-3;
  c.data.hflip = false;
  const UnpairedDataset data = redAndBlue(12, 12);
  CycleGanTrainer t(c, data);
  std::vector<at::Tensor> held;  // red squares the trainer never saw
  for (int i = 0; i < 4; ++i) held.push_back(imageToTensor(test::squareImage(32, 40 + i, 220, 30, 30)));
  const at::Tensor reds = at::stack(held);
  const double before = blueness(t.translate(reds), reds);
  const double first_cycle = t.step().cycle;
  double cycle = 0;
  for (int i = 0; i < 120; ++i) cycle = t.step().cycle;
  const at::Tensor blue = t.translate(reds);
  const double after = blueness(blue, reds);
  std::printf("blueness of G(red) %.3f -> %.3f; cycle L1 %.3f -> %.3f\n", before, after, first_cycle, cycle);
  EXPECT_GT(after, 0.3) << "red squares did not turn blue";
  EXPECT_LT(cycle, 0.5 * first_cycle);
  // And back: F(G(red)) is red again.
  EXPECT_LT(blueness(t.translate(blue, /*reverse=*/true), reds), -0.3);
}

TEST(CycleGanRun, TwoFoldersTrainResumeAndTranslateBothWays) {
  test::TempDir dir;
  auto write = [&](const std::string& name, int n, uint8_t r, uint8_t b, int offset) {
    std::filesystem::create_directories(dir / name);
    for (int i = 0; i < n; ++i)
      writePng(dir / (name + "/s" + std::to_string(i) + ".png"), test::squareImage(40, i + offset, r, 30, b));
  };
  write("red", 9, 220, 30, 0);
  write("blue", 10, 30, 220, 3);
  TrainConfig c = tinyCycleGan();
  c.data.path = dir / "red";
  c.data.path_b = dir / "blue";
  c.total_steps = 4;
  c.log_every = 2;
  c.sample_every = c.checkpoint_every = 2;
  c.grid_size = 4;  // 2 rows per domain, held aside (9 and 10 images: 8 and 8 to spare)
  RunCallbacks cb;
  DatasetSummary seen;
  cb.on_dataset = [&](const DatasetSummary& s) { seen = s; };
  const std::string run = dir / "run";
  RunResult r = trainRun(c, run, false, cb);
  EXPECT_EQ(r.steps_done, 4);
  EXPECT_EQ(seen.images_used, 19);
  EXPECT_NE(seen.note.find("A = red"), std::string::npos) << seen.note;

  std::ifstream in(RunPaths{run}.metrics());
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    StepStats s;
    ASSERT_TRUE(parseMetricsLine(line, s));
    EXPECT_TRUE(s.has_cycle) << line;
    EXPECT_GT(s.cycle, 0);
    EXPECT_GT(s.identity, 0);
  }
  EXPECT_EQ(lines, 2);
  // 4 rows (2 from each domain) of input | translated | round trip.
  const ImageU8 grid = readPng(RunPaths{run}.sampleFile(4));
  EXPECT_EQ(grid.width, 3 * 32 + 4 * 2);
  EXPECT_EQ(grid.height, 4 * 32 + 5 * 2);

  c.total_steps = 6;
  r = trainRun(c, run, true, cb);
  EXPECT_EQ(r.steps_done, 6);
  const std::string straight = dir / "straight";
  trainRun(c, straight, false, cb);
  EXPECT_EQ(readPng(RunPaths{run}.sampleFile(6)).pixels, readPng(RunPaths{straight}.sampleFile(6)).pixels);

  // Translate from the checkpoint, both ways, labelled with the direction.
  const ImageTranslator t(r.last_checkpoint);
  EXPECT_TRUE(t.twoWay());
  EXPECT_EQ(t.directionText(), "A -> B (red -> blue)");
  EXPECT_EQ(t.directionText(true), "B -> A (blue -> red)");
  const ImageU8 red = test::squareImage(32, 2, 220, 30, 30);
  const ImageU8 to_b = t.translate(red, false), to_a = t.translate(red, false, true);
  EXPECT_EQ(to_b.width, 32);
  EXPECT_EQ(to_b.channels, 3);
  EXPECT_NE(to_b.pixels, to_a.pixels);
  const TranslatorFile file = loadTranslatorFile(r.last_checkpoint);
  EXPECT_TRUE(static_cast<bool>(file.b_to_a));
  EXPECT_EQ(file.step, 6);
}

TEST(CycleGanConfig, NeedsASecondDomainAndNoPenalty) {
  TrainConfig c = tinyCycleGan();
  c.data.path_b.clear();
  EXPECT_THROW(validate(c), GanscopeError);
  c.data.class_a = "0";
  c.data.class_b = "1";
  EXPECT_NO_THROW(validate(c));
  c.optim.loss = LossKind::WganGp;
  EXPECT_THROW(validate(c), GanscopeError);
  const TrainConfig back = trainConfigFromJson(toJson(tinyCycleGan()));
  EXPECT_EQ(back.model.kind, ModelKind::CycleGan);
  EXPECT_EQ(back.optim.loss, LossKind::LeastSquares);
  EXPECT_EQ(back.optim.pool_size, 3);
  EXPECT_EQ(back.data.path_b, "b");
}

}  // namespace
}  // namespace gs

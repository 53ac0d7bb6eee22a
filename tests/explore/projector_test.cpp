// Projection (explore/projector.h): an image the generator made from a known latent is found again, in z for a
// DCGAN and in w / w+ for a style generator; the result renders the same through the latent file's path; it
// stops when asked, is deterministic, and bad targets get clear errors. Tiny generators: a few seconds in all.
#include <gtest/gtest.h>

#include "explore/generator_session.h"
#include "explore/latent_record.h"
#include "explore/latent_seed.h"
#include "explore/projector.h"
#include "export/png_export.h"
#include "models/networks.h"
#include "style_fixture.h"
#include "temp_dir.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

ModelConfig tinyDcgan() {
  ModelConfig c;
  c.resolution = 32;
  c.channels = 3;
  c.latent_dim = 16;
  c.g_width = c.d_width = 8;
  return c;
}

// A DCGAN whose BatchNorm statistics have been gathered, so its images vary with z (a fresh one's barely do).
std::shared_ptr<GeneratorSession> dcganSession() {
  at::manual_seed(3);
  auto g = makeGenerator(tinyDcgan());
  g->train();
  {
    at::NoGradGuard no_grad;
    for (auto& p : g->named_parameters())
      if (p.key().find("weight") != std::string::npos && p.value().dim() == 4) p.value().mul_(10.0);
    for (int i = 0; i < 30; ++i) g->forward(at::randn({16, 16}));
  }
  g->eval();
  return GeneratorSession::snapshot(*g, tinyDcgan(), "tiny dcgan");
}

// A style generator whose w_avg has moved away from zero, as training moves it.
std::shared_ptr<GeneratorSession> styleSession() {
  at::manual_seed(5);
  const ModelConfig config = test::tinyStyleModel(32, 8);
  auto g = test::makeStyleGenerator(config);
  g->train();
  {
    at::NoGradGuard no_grad;
    for (int i = 0; i < 20; ++i) g->forward(at::randn({16, config.latent_dim}));
  }
  g->eval();
  return GeneratorSession::snapshot(*g, config, "tiny style");
}

TEST(Projector, FindsADcganImageInZ) {
  auto session = dcganSession();
  const ImageU8 target = session->render(latentFromSeed(1234, 16));
  Projector projector(session);
  EXPECT_FALSE(projector.hasDiscriminator());
  ProjectionOptions o;
  o.steps = 200;
  const ProjectionResult r = projector.run(target, o);
  EXPECT_EQ(r.latent.space, LatentSpace::Z);
  EXPECT_EQ(r.steps_done, 200);
  EXPECT_EQ(r.loss_curve.size(), 200u);
  EXPECT_LT(r.loss_curve.back(), r.loss_curve.front());
  EXPECT_LT(r.pixel_error, 3.0) << "from " << r.start_pixel_error;
  EXPECT_LT(r.pixel_error, r.start_pixel_error / 5);
  EXPECT_EQ(r.note, "no discriminator with this generator: pixel losses only");
  // The result is what the explorer shows for that z.
  EXPECT_EQ(session->render(r.latent.values).pixels, r.image.pixels);
}

TEST(Projector, FindsAStyleImageInWAndWPlus) {
  auto session = styleSession();
  const ImageU8 target = session->render(latentFromSeed(77, 16));
  Projector projector(session);
  for (LatentSpace space : {LatentSpace::W, LatentSpace::WPlus}) {
    ProjectionOptions o;
    o.space = space;
    o.steps = 150;
    o.seed = 4;
    const ProjectionResult r = projector.run(target, o);
    ASSERT_EQ(r.latent.space, space);
    EXPECT_EQ(r.latent.values.size(), size_t(session->wDim()) * (space == LatentSpace::W ? 1 : 7));
    EXPECT_EQ(r.latent.anchor_z, latentFromSeed(4, 16));
    // w+ has seven times the unknowns: in 150 steps it settles on a close neighbour rather than the very w.
    EXPECT_LT(r.pixel_error, space == LatentSpace::W ? 3.0 : 8.0) << latentSpaceName(space) << " from "
                                                                     << r.start_pixel_error;
    EXPECT_LT(r.pixel_error, r.start_pixel_error / 5) << latentSpaceName(space);
    // Written and read back as a latent file, it renders the same image (anchor z plus w offsets).
    StyleControls controls;
    const LatentRecord back = latentRecordFromText(latentRecordToJson(r.latent));
    EXPECT_EQ(back.values, r.latent.values);
    const std::vector<float> z = latentForRendering(*session, back, controls);
    EXPECT_EQ(z, r.latent.anchor_z);
    EXPECT_EQ(session->render(z, 1.0f, controls).pixels, r.image.pixels);
  }
}

TEST(Projector, DcganRefusesW) {
  Projector projector(dcganSession());
  ProjectionOptions o;
  o.space = LatentSpace::W;
  ImageU8 target = dcganSession()->render(latentFromSeed(1, 16));
  try {
    projector.run(target, o);
    FAIL() << "w on a DCGAN";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("needs a style-based generator"), std::string::npos) << e.what();
  }
}

TEST(Projector, StopsWhenAskedAndIsDeterministic) {
  auto session = dcganSession();
  const ImageU8 target = session->render(latentFromSeed(9, 16));
  Projector projector(session);
  ProjectionOptions o;
  o.steps = 100;
  o.preview_every = 2;
  int calls = 0, previews = 0;
  const ProjectionResult stopped = projector.run(
      target, o,
      [&](const ProjectionProgress& p) {
        ++calls;
        previews += !p.preview.empty();
        EXPECT_EQ(p.total, 100);
      },
      [&] { return calls >= 5; });
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(stopped.steps_done, 5);
  EXPECT_EQ(previews, 2);
  EXPECT_EQ(stopped.latent.values.size(), 16u) << "a latent even when stopped within the warm-up";
  o.steps = 20;
  const ProjectionResult a = projector.run(target, o), b = projector.run(target, o);
  EXPECT_EQ(a.latent.values, b.latent.values);
  EXPECT_EQ(a.loss_curve, b.loss_curve);
}

TEST(Projector, BadTargetsGetClearErrors) {
  test::TempDir dir;
  Projector projector(dcganSession());
  writeFileAtomic(dir / "broken.png", "\x89PNG\r\n\x1a\n and then nothing");
  for (const std::string& path : {dir / "broken.png", dir / "missing.png"}) {
    try {
      projector.loadTarget(path);
      FAIL() << path;
    } catch (const GanscopeError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(path + ": ", 0), 0u) << e.what();
    }
  }
  // A picture of any size and alpha is prepared as the training images are: the model's size and channels.
  ImageU8 big;
  big.width = 80;
  big.height = 50;
  big.channels = 4;
  big.pixels.assign(80 * 50 * 4, 200);
  writePng(dir / "big.png", big);
  const ImageU8 t = projector.loadTarget(dir / "big.png");
  EXPECT_EQ(t.width, 32);
  EXPECT_EQ(t.height, 32);
  EXPECT_EQ(t.channels, 3);
  ImageU8 wrong = t;
  wrong.width = wrong.height = 16;
  EXPECT_THROW(projector.run(wrong, {}), GanscopeError);
}

TEST(LatentRecord, ReadsEveryForm) {
  EXPECT_EQ(latentRecordFromText("1,2.5,-3").values, (std::vector<float>{1, 2.5f, -3}));
  EXPECT_EQ(latentRecordFromText("{\"z\": [1, 2]}").values, (std::vector<float>{1, 2}));
  LatentRecord plus;
  plus.space = LatentSpace::WPlus;
  plus.layers = 2;
  plus.values = {0.1f, 0.2f, 0.3f, 1e-7f, -4.25f, 3.3333333f};
  plus.anchor_z = {1, 2};
  const LatentRecord back = latentRecordFromText(latentRecordToJson(plus));
  EXPECT_EQ(back.space, LatentSpace::WPlus);
  EXPECT_EQ(back.layers, 2);
  EXPECT_EQ(back.values, plus.values) << "float-exact";
  EXPECT_EQ(back.anchor_z, plus.anchor_z);
  EXPECT_THROW(latentRecordFromText("{\"space\": \"q\", \"z\": [1]}"), GanscopeError);
  EXPECT_THROW(latentRecordFromText("{\"space\": \"w+\", \"layers\": 4, \"w\": [1, 2, 3]}"), GanscopeError);
  // Sizes that do not fit the generator are named.
  auto style = styleSession();
  StyleControls c;
  try {
    latentForRendering(*style, back, c);
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("w+ of 2 layers; the generator has 7"), std::string::npos) << e.what();
  }
  LatentRecord w;
  w.space = LatentSpace::W;
  w.values.assign(16, 0.5f);
  EXPECT_THROW(latentForRendering(*dcganSession(), w, c), GanscopeError) << "a DCGAN has no w";
}

}  // namespace
}  // namespace gs

// Training a style-based generator: steps run with the style defaults, checkpoints round-trip the generator
// (w_avg included) into the explorer, and the EMA generator carries the tracked w_avg.
#include <gtest/gtest.h>

#include <filesystem>

#include "explore/generator_session.h"
#include "models/style_network.h"
#include "style_fixture.h"
#include "training/checkpoint.h"
#include "training/tiny_data.h"
#include "training/trainer.h"

namespace gs {
namespace {

TrainConfig tinyStyleRun() {
  TrainConfig c = test::tinyConfig();
  c.model = test::tinyStyleModel(32);
  c.optim = defaultOptim(ModelKind::Style, 32);
  c.optim.r1_interval = 2;
  c.optim.ema_kimg = 0.1;
  c.batch = 8;
  return c;
}

TEST(StyleTraining, DefaultsAreStyleGan2Settings) {
  const OptimConfig o = defaultOptim(ModelKind::Style, 64);
  EXPECT_DOUBLE_EQ(o.beta1, 0.0);
  EXPECT_DOUBLE_EQ(o.beta2, 0.99);
  EXPECT_GT(o.r1_gamma, 0.0);
  EXPECT_EQ(o.r1_interval, 16);
  const OptimConfig dcgan = defaultOptim(ModelKind::Dcgan, 64);
  EXPECT_DOUBLE_EQ(dcgan.lr_g, OptimConfig{}.lr_g);
  EXPECT_DOUBLE_EQ(dcgan.r1_gamma, 0.0);
  EXPECT_DOUBLE_EQ(o.ada_target, 0.6);      // StyleGAN2-ADA's
  EXPECT_DOUBLE_EQ(dcgan.ada_target, 0.8);  // a BatchNorm D's r_t sits higher (README "Augmentation (ADA)")
}

TEST(StyleTraining, StepsTrackWAvgAndCheckpointsOpenInTheExplorer) {
  const std::string dir = test::tempDir("style-train");
  Trainer trainer(tinyStyleRun(), test::shapesDataset(24));
  for (int i = 0; i < 3; ++i) {
    const StepStats s = trainer.step();
    EXPECT_TRUE(std::isfinite(s.g_loss) && std::isfinite(s.d_loss)) << "step " << i;
    EXPECT_GT(s.penalty, 0.0) << "lazy R1 on";
  }
  auto ema = std::dynamic_pointer_cast<StyleGeneratorNet>(trainer.emaGenerator());
  ASSERT_TRUE(ema);
  EXPECT_GT(ema->wAvg().abs().sum().item<float>(), 0.0f) << "w_avg tracked and copied into the EMA generator";

  // Full checkpoint and generator-only file both load as style generators with the same weights and w_avg.
  trainer.save(dir + "/full.gsck");
  saveGeneratorFile(dir + "/g.gsgen", *trainer.emaGenerator(), trainer.config(), trainer.stepCount());
  const at::Tensor z = trainer.fixedLatents();
  const at::Tensor expected = trainer.sample(z);
  for (const std::string name : {"/full.gsck", "/g.gsgen"}) {
    const GeneratorFile file = loadGeneratorFile(dir + name);
    auto loaded = std::dynamic_pointer_cast<StyleGeneratorNet>(file.generator);
    ASSERT_TRUE(loaded) << name;
    EXPECT_TRUE(at::equal(loaded->wAvg(), ema->wAvg())) << name;
    EXPECT_TRUE(at::allclose(loaded->forward(z), expected, 1e-5, 1e-6)) << name;
  }
  auto session = GeneratorSession::open(dir + "/g.gsgen");
  EXPECT_TRUE(session->isStyleBased());
  EXPECT_EQ(session->render(session->latentForSeed(1)).width, 32);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gs

#include <gtest/gtest.h>

#include "config.h"
#include "util/error.h"

namespace gs {
namespace {

TEST(Config, JsonRoundTripKeepsEveryField) {
  TrainConfig c;
  c.data.path = "/data/cats";
  c.data.resolution = c.model.resolution = 128;
  c.data.channels = ChannelPolicy::Rgba;
  c.data.aspect = AspectPolicy::Pad;
  c.data.alpha = AlphaPolicy::Keep;
  c.data.background = {1, 2, 3};
  c.data.hflip = true;
  c.optim.ema_norm = EmaNorm::Average;
  c.optim.ema_rampup = 0.1;
  c.quality_every = 123;
  c.model.g_width = 32;
  c.model.spectral_norm = true;
  c.model.minibatch_std = true;
  c.optim.loss = LossKind::WganGp;
  c.optim.lr_d = 4e-4;
  c.optim.d_steps = 5;
  c.optim.r1_gamma = 0.5;
  c.batch = 17;
  c.seed = 123456789012345ULL;
  c.device = "cpu";
  const TrainConfig back = trainConfigFromJson(toJson(c));
  EXPECT_EQ(toJson(back), toJson(c));
  EXPECT_EQ(back.seed, c.seed);
  EXPECT_EQ(back.optim.loss, LossKind::WganGp);
  EXPECT_EQ(back.data.aspect, AspectPolicy::Pad);
  EXPECT_EQ(back.data.background[2], 3);
  EXPECT_DOUBLE_EQ(back.optim.lr_d, 4e-4);
  EXPECT_TRUE(back.data.hflip);
  EXPECT_EQ(back.optim.ema_norm, EmaNorm::Average);
  EXPECT_DOUBLE_EQ(back.optim.ema_rampup, 0.1);
  EXPECT_EQ(back.quality_every, 123);
}

TEST(Config, MissingFieldsKeepDefaults) {
  const TrainConfig c = trainConfigFromJson(R"({"batch": 8})");
  EXPECT_EQ(c.batch, 8);
  EXPECT_EQ(c.model.latent_dim, TrainConfig{}.model.latent_dim);
  EXPECT_EQ(c.optim.loss, LossKind::NonSaturating);
}

TEST(Config, AugmentationRoundTripsAndOldFilesReadAsNone) {
  TrainConfig c;
  c.optim.augment = AugmentKind::DiffAug;
  c.optim.ada_target = 0.5;
  c.optim.ada_kimg = 250;
  c.optim.augment_p = 0.25;
  const TrainConfig back = trainConfigFromJson(toJson(c));
  EXPECT_EQ(back.optim.augment, AugmentKind::DiffAug);
  EXPECT_DOUBLE_EQ(back.optim.ada_target, 0.5);
  EXPECT_DOUBLE_EQ(back.optim.ada_kimg, 250);
  EXPECT_DOUBLE_EQ(back.optim.augment_p, 0.25);
  EXPECT_EQ(trainConfigFromJson(toJson(TrainConfig{})).optim.augment, AugmentKind::None);
  // A config.json from before augmentation existed: its run trained without, and resumes without.
  EXPECT_EQ(trainConfigFromJson(R"({"optim": {"loss": "ns"}})").optim.augment, AugmentKind::None);
  EXPECT_EQ(trainConfigFromJson(R"({"batch": 8})").optim.augment, AugmentKind::None);
  EXPECT_EQ(TrainConfig{}.optim.augment, AugmentKind::None);
  EXPECT_THROW(trainConfigFromJson(R"({"optim": {"augment": "lots"}})"), GanscopeError);
  // Auto: ADA below 10,000 images.
  EXPECT_EQ(resolveAugment(AugmentKind::Auto, 9999), AugmentKind::Ada);
  EXPECT_EQ(resolveAugment(AugmentKind::Auto, 10000), AugmentKind::None);
  EXPECT_EQ(resolveAugment(AugmentKind::DiffAug, 10), AugmentKind::DiffAug);
  EXPECT_EQ(parseAugment("ada"), AugmentKind::Ada);
  TrainConfig bad;
  bad.optim.augment_p = 1.0;
  EXPECT_THROW(validate(bad), GanscopeError);
  bad.optim.augment_p = -1;
  bad.optim.ada_kimg = 0;
  EXPECT_THROW(validate(bad), GanscopeError);
}

TEST(Config, ReusedFakesRoundTripAndOldFilesReadAsFresh) {
  TrainConfig c;
  c.optim.reuse_fakes = true;
  EXPECT_TRUE(trainConfigFromJson(toJson(c)).optim.reuse_fakes);
  c.optim.reuse_fakes = false;
  EXPECT_FALSE(trainConfigFromJson(toJson(c)).optim.reuse_fakes);
  // A run from before drew new latents for G's step, and resumes doing so.
  EXPECT_FALSE(trainConfigFromJson(R"({"optim": {"loss": "ns"}})").optim.reuse_fakes);
  EXPECT_THROW(trainConfigFromJson(R"({"optim": {"reuse_fakes": 1}})"), GanscopeError);
  // New runs: DCGAN reuses D's fakes (as the reference loop), the style generator draws new latents (StyleGAN2).
  EXPECT_TRUE(defaultOptim(ModelKind::Dcgan, 64).reuse_fakes);
  EXPECT_FALSE(defaultOptim(ModelKind::Style, 64).reuse_fakes);
}

TEST(Config, PrecisionRoundTripsAndOldFilesReadAsFp32) {
  TrainConfig c;
  EXPECT_EQ(c.precision, Precision::Auto);
  c.precision = Precision::Bf16;
  EXPECT_EQ(trainConfigFromJson(toJson(c)).precision, Precision::Bf16);
  EXPECT_NE(toJson(c).find("\"precision\": \"bf16\""), std::string::npos) << toJson(c);
  EXPECT_EQ(trainConfigFromJson(toJson(TrainConfig{})).precision, Precision::Auto);
  // A config.json from before the choice existed trained in fp32, and resumes in fp32.
  EXPECT_EQ(trainConfigFromJson(R"({"batch": 8})").precision, Precision::Fp32);
  try {
    trainConfigFromJson(R"({"precision": "fp16"})");
    FAIL() << "expected an error";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("precision (auto, fp32, bf16)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(parsePrecision("fp32"), Precision::Fp32);
  EXPECT_EQ(toString(Precision::Bf16), "bf16");
  // Image-to-image models train in fp32 only.
  TrainConfig p2p;
  p2p.model.kind = ModelKind::Pix2Pix;
  p2p.optim = defaultOptim(ModelKind::Pix2Pix, 64);
  EXPECT_NO_THROW(validate(p2p));
  p2p.precision = Precision::Bf16;
  EXPECT_THROW(validate(p2p), GanscopeError);
}

TEST(Config, BadInputNamesTheProblem) {
  try {
    trainConfigFromJson(R"({"batch": "many"})");
    FAIL() << "expected an error";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("batch"), std::string::npos) << e.what();
  }
  EXPECT_THROW(trainConfigFromJson("{not json"), GanscopeError);
  EXPECT_THROW(trainConfigFromJson(R"({"optim": {"loss": "magic"}})"), GanscopeError);
}

TEST(Config, ValidateRejectsOutOfRange) {
  TrainConfig c;
  EXPECT_NO_THROW(validate(c));
  c.model.resolution = c.data.resolution = 48;
  EXPECT_THROW(validate(c), GanscopeError);
  c = TrainConfig{};
  c.batch = 0;
  EXPECT_THROW(validate(c), GanscopeError);
  c = TrainConfig{};
  c.optim.beta1 = 1.0;
  EXPECT_THROW(validate(c), GanscopeError);
  c = TrainConfig{};
  c.device = "tpu";
  EXPECT_THROW(validate(c), GanscopeError);
}

TEST(Config, ParsesCommandLineSpellings) {
  EXPECT_EQ(parseLoss("ns"), LossKind::NonSaturating);
  EXPECT_EQ(parseLoss("non-saturating"), LossKind::NonSaturating);
  EXPECT_EQ(parseLoss("wgan-gp"), LossKind::WganGp);
  EXPECT_EQ(parseLoss("minimax"), LossKind::Minimax);
  EXPECT_EQ(parseAspect("crop"), AspectPolicy::CenterCrop);
  EXPECT_EQ(parseChannels("grey"), ChannelPolicy::Gray);
  EXPECT_THROW(parseModel("vae"), GanscopeError);
}

}  // namespace
}  // namespace gs

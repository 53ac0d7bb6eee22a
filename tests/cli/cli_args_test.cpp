// ganscope-cli argument parsing: every flag reaches the config, and every mistake names the flag.
#include <gtest/gtest.h>

#include "args.h"
#include "options.h"
#include "temp_dir.h"
#include "util/atomic_file.h"

namespace gs::cli {
namespace {

using Args = std::vector<std::string>;

// The UsageError message of parsing `args` with `parse`, or "" when it parsed.
template <typename F>
std::string usageError(F parse, const Args& args) {
  try {
    parse(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

std::string trainError(const Args& args) {
  return usageError([](const Args& a) { parseTrainOptions(a); }, args);
}

TEST(TrainArgs, AugmentFlags) {
  const Args base{"--data", "imgs", "--out", "run"};
  EXPECT_EQ(parseTrainOptions(base).config.optim.augment, AugmentKind::None);  // off unless asked for
  // ADA's target: 0.8 for DCGAN, StyleGAN2-ADA's 0.6 for the style generator, unless set.
  EXPECT_DOUBLE_EQ(parseTrainOptions(base).config.optim.ada_target, 0.8);
  Args style = base;
  style.insert(style.end(), {"--model", "style"});
  EXPECT_DOUBLE_EQ(parseTrainOptions(style).config.optim.ada_target, 0.6);
  Args a = base;
  a.insert(a.end(), {"--augment", "diffaug"});
  EXPECT_EQ(parseTrainOptions(a).config.optim.augment, AugmentKind::DiffAug);
  Args b = base;
  b.insert(b.end(), {"--augment", "ada", "--ada-target", "0.5", "--ada-kimg", "50"});
  const TrainConfig cb = parseTrainOptions(b).config;
  EXPECT_EQ(cb.optim.augment, AugmentKind::Ada);
  EXPECT_DOUBLE_EQ(cb.optim.ada_target, 0.5);
  EXPECT_DOUBLE_EQ(cb.optim.ada_kimg, 50);
  EXPECT_LT(cb.optim.augment_p, 0);
  Args c = base;
  c.insert(c.end(), {"--augment-p", "0.3"});
  const TrainConfig cc = parseTrainOptions(c).config;
  EXPECT_EQ(cc.optim.augment, AugmentKind::Ada);  // a fixed p implies ADA
  EXPECT_DOUBLE_EQ(cc.optim.augment_p, 0.3);
  Args d = base;
  d.insert(d.end(), {"--augment", "none", "--augment-p", "0.3"});
  EXPECT_NE(trainError(d).find("--augment-p"), std::string::npos);
  Args e = base;
  e.insert(e.end(), {"--augment", "sometimes"});
  EXPECT_NE(trainError(e).find("--augment"), std::string::npos);
  Args f = base;
  f.insert(f.end(), {"--augment-p", "1"});
  EXPECT_NE(trainError(f).find("--augment-p"), std::string::npos);
}

TEST(TrainArgs, EveryFlagReachesTheConfig) {
  const TrainOptions o = parseTrainOptions(
      {"--data", "imgs", "--out", "run", "--model", "style", "--res", "128", "--loss", "hinge", "--batch", "32",
       "--steps", "500", "--lr-g", "1e-4", "--lr-d", "4e-4", "--beta1", "0", "--beta2", "0.9", "--d-steps", "5",
       "--r1", "0.5", "--ema-kimg", "2.5", "--spectral-norm", "--mbstd", "--g-width", "48", "--d-width", "40",
       "--nz", "128", "--channels", "rgba", "--aspect", "pad", "--alpha", "keep", "--background", "10,20,30",
       "--no-flip", "--max-images", "1000", "--seed", "77", "--device", "cpu", "--threads", "2", "--precision", "bf16",
       "--log-every", "5", "--sample-every", "50", "--checkpoint-every", "100", "--keep", "4"});
  const TrainConfig& c = o.config;
  EXPECT_EQ(o.out, "run");
  EXPECT_FALSE(o.resume);
  EXPECT_FALSE(o.help);
  EXPECT_EQ(c.data.path, "imgs");
  EXPECT_EQ(c.model.kind, ModelKind::Style);
  EXPECT_EQ(c.data.resolution, 128);
  EXPECT_EQ(c.model.resolution, 128);
  EXPECT_EQ(c.optim.loss, LossKind::Hinge);
  EXPECT_EQ(c.batch, 32);
  EXPECT_EQ(c.total_steps, 500);
  EXPECT_DOUBLE_EQ(c.optim.lr_g, 1e-4);
  EXPECT_DOUBLE_EQ(c.optim.lr_d, 4e-4);
  EXPECT_DOUBLE_EQ(c.optim.beta1, 0.0);
  EXPECT_DOUBLE_EQ(c.optim.beta2, 0.9);
  EXPECT_EQ(c.optim.d_steps, 5);
  EXPECT_DOUBLE_EQ(c.optim.r1_gamma, 0.5);
  EXPECT_DOUBLE_EQ(c.optim.ema_kimg, 2.5);
  EXPECT_TRUE(c.model.spectral_norm);
  EXPECT_TRUE(c.model.minibatch_std);
  EXPECT_EQ(c.model.g_width, 48);
  EXPECT_EQ(c.model.d_width, 40);
  EXPECT_EQ(c.model.latent_dim, 128);
  EXPECT_EQ(c.data.channels, ChannelPolicy::Rgba);
  EXPECT_EQ(c.data.aspect, AspectPolicy::Pad);
  EXPECT_EQ(c.data.alpha, AlphaPolicy::Keep);
  EXPECT_EQ(c.data.background, (std::array<int, 3>{10, 20, 30}));
  EXPECT_FALSE(c.data.hflip);
  EXPECT_EQ(c.data.max_images, 1000);
  EXPECT_EQ(c.seed, 77u);
  EXPECT_EQ(c.device, "cpu");
  EXPECT_EQ(c.threads, 2);
  EXPECT_EQ(c.precision, Precision::Bf16);
  EXPECT_EQ(c.log_every, 5);
  EXPECT_EQ(c.sample_every, 50);
  EXPECT_EQ(c.checkpoint_every, 100);
  EXPECT_EQ(c.keep_checkpoints, 4);
  EXPECT_EQ(o.given.count("--lr-g"), 1u);
  EXPECT_EQ(o.given.count("--resume"), 0u);
}

TEST(TrainArgs, DefaultsEqualsFormAndLossSpellings) {
  const TrainOptions o = parseTrainOptions({"--data=d", "--out=r", "--loss=wgan-gp", "--steps=9"});
  EXPECT_EQ(o.config.data.path, "d");
  EXPECT_EQ(o.out, "r");
  EXPECT_EQ(o.config.optim.loss, LossKind::WganGp);
  EXPECT_EQ(o.config.total_steps, 9);
  const TrainConfig defaults;
  EXPECT_EQ(o.config.batch, defaults.batch);
  EXPECT_EQ(parseTrainOptions({"--data", "d", "--out", "r", "--loss", "ns"}).config.optim.loss,
            LossKind::NonSaturating);
  EXPECT_EQ(parseTrainOptions({"--data", "d", "--out", "r", "--loss", "minimax"}).config.optim.loss,
            LossKind::Minimax);
  EXPECT_EQ(parseTrainOptions({"--data", "d", "--out", "r", "--channels", "gray"}).config.data.channels,
            ChannelPolicy::Gray);
}

TEST(TrainArgs, QualityFlagsFlipsAndEma) {
  const TrainConfig plain = parseTrainOptions({"--data", "d", "--out", "r"}).config;
  EXPECT_FALSE(plain.data.hflip) << "flips are off by default";
  EXPECT_EQ(plain.optim.ema_norm, EmaNorm::Recompute);
  EXPECT_DOUBLE_EQ(plain.optim.ema_rampup, 0.05);
  const TrainConfig c = parseTrainOptions({"--data", "d", "--out", "r", "--flip", "--ema-norm", "average",
                                           "--ema-rampup", "0", "--quality-every", "100"}).config;
  EXPECT_TRUE(c.data.hflip);
  EXPECT_EQ(c.optim.ema_norm, EmaNorm::Average);
  EXPECT_DOUBLE_EQ(c.optim.ema_rampup, 0.0);
  EXPECT_EQ(c.quality_every, 100);
  EXPECT_NE(trainError({"--data", "d", "--out", "r", "--ema-norm", "median"}).find("--ema-norm"), std::string::npos);
  EXPECT_TRUE(allowedOnResume("--quality-every"));
  EXPECT_TRUE(allowedOnResume("--precision"));
  EXPECT_EQ(plain.precision, Precision::Auto);
}

TEST(TrainArgs, MistakesNameTheFlag) {
  const Args base{"--data", "d", "--out", "r"};
  auto with = [&base](Args extra) {
    extra.insert(extra.begin(), base.begin(), base.end());
    return trainError(extra);
  };
  EXPECT_NE(with({"--bogus"}).find("unknown flag --bogus"), std::string::npos);
  EXPECT_NE(with({"--bogus"}).find("ganscope-cli train --help"), std::string::npos);
  EXPECT_NE(with({"--steps"}).find("--steps needs a value"), std::string::npos);
  EXPECT_NE(with({"--steps", "--batch", "4"}).find("--steps needs a value"), std::string::npos);
  EXPECT_NE(with({"--steps", "ten"}).find("--steps: expected a whole number, got 'ten'"), std::string::npos);
  EXPECT_NE(with({"--steps", "0"}).find("--steps: 0 is out of range"), std::string::npos);
  EXPECT_NE(with({"--batch", "12x"}).find("--batch"), std::string::npos);
  EXPECT_NE(with({"--batch", "99999999999999999999"}).find("--batch"), std::string::npos);
  EXPECT_NE(with({"--lr-g", "fast"}).find("--lr-g: expected a number"), std::string::npos);
  EXPECT_NE(with({"--lr-d", "-1"}).find("--lr-d"), std::string::npos);
  EXPECT_NE(with({"--beta1", "1.5"}).find("--beta1"), std::string::npos);
  EXPECT_NE(with({"--res", "48"}).find("--res: 48 is not supported"), std::string::npos);
  EXPECT_NE(with({"--loss", "l2"}).find("--loss: unknown loss"), std::string::npos);
  EXPECT_NE(with({"--model", "vae"}).find("--model"), std::string::npos);
  EXPECT_NE(with({"--channels", "cmyk"}).find("--channels"), std::string::npos);
  EXPECT_NE(with({"--aspect", "zoom"}).find("--aspect"), std::string::npos);
  EXPECT_NE(with({"--alpha", "drop"}).find("--alpha"), std::string::npos);
  EXPECT_NE(with({"--background", "1,2"}).find("--background: expected R,G,B"), std::string::npos);
  EXPECT_NE(with({"--background", "1,2,300"}).find("--background"), std::string::npos);
  EXPECT_NE(with({"--device", "tpu"}).find("--device"), std::string::npos);
  EXPECT_NE(with({"--precision", "fp16"}).find("--precision: expected auto, fp32 or bf16, got 'fp16'"),
            std::string::npos);
  EXPECT_NE(with({"--seed", "-3"}).find("--seed"), std::string::npos);
  EXPECT_NE(with({"--keep", "0"}).find("--keep"), std::string::npos);
  EXPECT_NE(with({"--resume=yes"}).find("--resume takes no value"), std::string::npos);
  EXPECT_NE(with({"stray"}).find("unexpected argument 'stray'"), std::string::npos);
  EXPECT_NE(trainError({"--data", "d"}).find("--out RUN is required"), std::string::npos);
  EXPECT_NE(trainError({"--out", "r"}).find("--data DIR|IDX is required"), std::string::npos);
  EXPECT_EQ(trainError({"--out", "r", "--resume"}), "");  // a resumed run knows its data
}

TEST(TrainArgs, HelpWinsOverMistakes) {
  EXPECT_TRUE(parseTrainOptions({"--bogus", "--help"}).help);
  EXPECT_TRUE(parseTrainOptions({"-h"}).help);
  EXPECT_TRUE(parseSampleOptions({"--help"}).help);
  EXPECT_TRUE(parseInfoOptions({"--help"}).help);
  EXPECT_TRUE(parseExportOptions({"--help"}).help);
  EXPECT_TRUE(parseDataOptions({"--help"}).help);
  for (const char* text : {trainUsage(), sampleUsage(), infoUsage(), exportUsage(), dataUsage()})
    EXPECT_NE(std::string(text).find("usage: ganscope-cli"), std::string::npos);
  // Every train flag is documented.
  for (const char* flag : {"--data", "--out", "--model", "--res", "--loss", "--batch", "--steps", "--lr-g",
                           "--lr-d", "--beta1", "--beta2", "--d-steps", "--r1", "--ema-kimg", "--spectral-norm",
                           "--mbstd", "--g-width", "--d-width", "--nz", "--channels", "--aspect", "--alpha",
                           "--background", "--no-flip", "--max-images", "--seed", "--device", "--threads",
                           "--precision", "--log-every", "--sample-every", "--checkpoint-every", "--keep", "--config", "--resume"})
    EXPECT_NE(std::string(trainUsage()).find(flag), std::string::npos) << flag;
}

TEST(TrainArgs, ConfigFileIsOverriddenByFlagsInAnyOrder) {
  test::TempDir dir;
  TrainConfig file;
  file.batch = 16;
  file.total_steps = 123;
  file.data.path = "from-file";
  file.optim.loss = LossKind::Hinge;
  writeFileAtomic(dir / "c.json", toJson(file));
  const TrainOptions o = parseTrainOptions({"--batch", "8", "--config", dir / "c.json", "--out", "r"});
  EXPECT_EQ(o.config.batch, 8);
  EXPECT_EQ(o.config.total_steps, 123);
  EXPECT_EQ(o.config.data.path, "from-file");
  EXPECT_EQ(o.config.optim.loss, LossKind::Hinge);

  writeFileAtomic(dir / "bad.json", "{ not json");
  const std::string bad = trainError({"--config", dir / "bad.json", "--out", "r"});
  EXPECT_NE(bad.find("--config"), std::string::npos);
  EXPECT_NE(bad.find("bad.json"), std::string::npos);
  EXPECT_NE(trainError({"--config", dir / "missing.json", "--out", "r"}).find("missing.json"), std::string::npos);
  EXPECT_NE(trainError({"--config", dir / "c.json", "--out", "r", "--resume"}).find("cannot be combined"),
            std::string::npos);
}

TEST(TrainArgs, ResumeStartsFromTheStoredConfig) {
  TrainConfig stored;
  stored.batch = 24;
  stored.total_steps = 100;
  const TrainOptions o = parseTrainOptions({"--out", "r", "--resume", "--steps", "300"}, stored);
  EXPECT_TRUE(o.resume);
  EXPECT_EQ(o.config.batch, 24);
  EXPECT_EQ(o.config.total_steps, 300);
  EXPECT_TRUE(allowedOnResume("--steps"));
  EXPECT_FALSE(allowedOnResume("--lr-g"));
}

TEST(SampleArgs, GridAndCount) {
  SampleOptions o = parseSampleOptions({"--checkpoint", "c.gsck", "--out", "g.png", "--grid", "4x3"});
  EXPECT_EQ(o.cols, 4);
  EXPECT_EQ(o.rows, 3);
  EXPECT_EQ(o.n, 12);
  o = parseSampleOptions({"--checkpoint", "c", "--out-dir", "d", "--n", "10", "--seed", "5", "--truncation", "0.7"});
  EXPECT_EQ(o.n, 10);
  EXPECT_EQ(o.seed, 5u);
  EXPECT_FLOAT_EQ(o.truncation, 0.7f);
  EXPECT_EQ(o.out_dir, "d");
  EXPECT_EQ(o.cols, 4);  // near-square default
  EXPECT_EQ(o.rows, 3);
  o = parseSampleOptions({"--checkpoint", "c", "--out", "g.png"});
  EXPECT_EQ(o.n, 64);
  EXPECT_EQ(o.cols, 8);

  auto err = [](const Args& a) { return usageError([](const Args& x) { parseSampleOptions(x); }, a); };
  EXPECT_NE(err({"--out", "g.png"}).find("--checkpoint FILE is required"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c"}).find("exactly one of --out"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "a", "--out-dir", "b"}).find("exactly one"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "a", "--grid", "8x"}).find("--grid: expected COLSxROWS"),
            std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "a", "--grid", "2x2", "--n", "5"}).find("holds fewer"),
            std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "a", "--truncation", "2"}).find("--truncation"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "a", "--n", "0"}).find("--n"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "a", "--steps", "3"}).find("unknown flag --steps"),
            std::string::npos);
}

TEST(CheckpointArgs, InfoExportAndData) {
  EXPECT_EQ(parseInfoOptions({"--checkpoint", "c"}).checkpoint, "c");
  const CheckpointOptions e = parseExportOptions({"--checkpoint", "c", "--out", "g.gsgen"});
  EXPECT_EQ(e.out, "g.gsgen");
  auto err = [](auto parse, const Args& a) { return usageError(parse, a); };
  auto info = [](const Args& a) { parseInfoOptions(a); };
  auto exp = [](const Args& a) { parseExportOptions(a); };
  auto data = [](const Args& a) { parseDataOptions(a); };
  EXPECT_NE(err(info, {}).find("--checkpoint FILE is required"), std::string::npos);
  EXPECT_NE(err(info, {"--checkpoint", "c", "--out", "x"}).find("unknown flag --out"), std::string::npos);
  EXPECT_NE(err(exp, {"--checkpoint", "c"}).find("--out FILE is required"), std::string::npos);
  EXPECT_NE(err(data, {"--res", "64"}).find("--data DIR|IDX is required"), std::string::npos);
  const DataOptions d = parseDataOptions({"--data", "x", "--res", "32", "--aspect", "stretch"});
  EXPECT_EQ(d.data.resolution, 32);
  EXPECT_EQ(d.data.aspect, AspectPolicy::Stretch);
}

TEST(ProjectArgs, RequiredFlagsAndSpace) {
  const ProjectOptions o = parseProjectOptions({"--checkpoint", "c", "--image", "i.png", "--out", "l.json",
                                                "--steps", "50", "--space", "w+", "--seed", "3", "--save-image", "r.png"});
  EXPECT_EQ(o.image, "i.png");
  EXPECT_EQ(o.out, "l.json");
  EXPECT_EQ(o.steps, 50);
  EXPECT_EQ(o.space, "w+");
  EXPECT_EQ(o.seed, 3u);
  EXPECT_EQ(o.save_image, "r.png");
  EXPECT_EQ(parseProjectOptions({"--checkpoint", "c", "--image", "i", "--out", "l"}).space, "");
  auto err = [](const Args& a) { return usageError([](const Args& x) { parseProjectOptions(x); }, a); };
  EXPECT_NE(err({"--image", "i", "--out", "l"}).find("--checkpoint FILE is required"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--out", "l"}).find("--image IMG is required"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--image", "i"}).find("--out latent.json is required"), std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--image", "i", "--out", "l", "--space", "x"}).find("--space: expected z, w"),
            std::string::npos);
  EXPECT_NE(err({"--checkpoint", "c", "--image", "i", "--out", "l", "--steps", "0"}).find("--steps"),
            std::string::npos);
}

TEST(TrainArgs, DataParallelFlagsOverrideTheEnvironment) {
  const Args base{"--data", "d", "--out", "r"};
  DistOptions env;
  env.world_size = 4;
  env.rank = 2;
  env.master_addr = "node0";
  env.master_port = 29500;
  Args a = base;
  for (const char* f : {"--rank", "3", "--master-port", "29600", "--dist-backend", "gloo", "--dist-timeout", "5"})
    a.push_back(f);
  const DistOptions d = applyDistFlags(parseTrainOptions(a), env);
  EXPECT_EQ(d.world_size, 4);       // from the environment
  EXPECT_EQ(d.rank, 3);             // flags win
  EXPECT_EQ(d.master_addr, "node0");
  EXPECT_EQ(d.master_port, 29600);
  EXPECT_EQ(d.backend, DistBackend::Gloo);
  EXPECT_DOUBLE_EQ(d.timeout_s, 5.0);
  Args n = base;
  n.insert(n.end(), {"--nproc", "2"});
  EXPECT_EQ(parseTrainOptions(n).dist.nproc, 2);
  EXPECT_NE(trainError({"--data", "d", "--out", "r", "--dist-backend", "mpi"}).find("--dist-backend"),
            std::string::npos);
  EXPECT_NE(trainError({"--data", "d", "--out", "r", "--nproc", "0"}).find("--nproc"), std::string::npos);
  EXPECT_TRUE(allowedOnResume("--nproc"));
  EXPECT_TRUE(allowedOnResume("--world-size"));
}

}  // namespace
}  // namespace gs::cli

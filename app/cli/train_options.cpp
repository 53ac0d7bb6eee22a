// Flags of `ganscope-cli train` and the dataset flags it shares with `ganscope-cli data`.
#include <limits>

#include "args.h"
#include "options.h"
#include "util/atomic_file.h"

namespace gs::cli {
namespace {

constexpr int64_t kMaxSteps = 1000000000000LL;

int intIn(const std::string& flag, const std::string& v, int min, int max) {
  return static_cast<int>(parseInteger(flag, v, min, max));
}

// Pre-scan for --config so that the other flags override the file whatever their order.
std::string configFlag(const std::vector<std::string>& args) {
  std::string path;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config") {
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) throw UsageError("--config needs a value");
      path = args[i + 1];
    } else if (args[i].rfind("--config=", 0) == 0) {
      path = args[i].substr(9);
    }
  }
  return path;
}

TrainConfig loadConfigFile(const std::string& path) {
  try {
    return trainConfigFromJson(readFile(path));
  } catch (const GanscopeError& e) {
    throw UsageError(std::string("--config ") + path + ": " + e.what());
  }
}

// A new run of a model with its own optimiser defaults (see defaultOptim) takes those the user did not set by
// flag. A --config file or a resumed run's stored config is taken as it is.
void applyModelOptimDefaults(TrainOptions& o) {
  if (o.resume || o.given.count("--config")) return;
  OptimConfig& c = o.config.optim;
  const OptimConfig d = defaultOptim(o.config.model.kind, o.config.model.resolution);
  if (!o.given.count("--lr-g")) c.lr_g = d.lr_g;
  if (!o.given.count("--lr-d")) c.lr_d = d.lr_d;
  if (!o.given.count("--beta1")) c.beta1 = d.beta1;
  if (!o.given.count("--beta2")) c.beta2 = d.beta2;
  if (!o.given.count("--r1")) c.r1_gamma = d.r1_gamma;
  if (!o.given.count("--ema-kimg")) c.ema_kimg = d.ema_kimg;
  if (!o.given.count("--augment")) c.augment = d.augment;
  if (!o.given.count("--ada-target")) c.ada_target = d.ada_target;
  if (!o.given.count("--loss")) c.loss = d.loss;
  if (!o.given.count("--g-fakes")) c.reuse_fakes = d.reuse_fakes;
}

// Data-parallel training: how many local ranks to launch, or which rank this process is and where rank 0 is.
void addDistFlags(FlagTable& t, DistFlags& d) {
  DistOptions& v = d.values;
  t.value("--nproc", [&d](const std::string& s) { d.nproc = intIn("--nproc", s, 1, 1024); });
  t.value("--world-size", [&v](const std::string& s) { v.world_size = intIn("--world-size", s, 1, 65536); });
  t.value("--rank", [&v](const std::string& s) { v.rank = intIn("--rank", s, 0, 65535); });
  t.value("--local-rank", [&v](const std::string& s) { v.local_rank = intIn("--local-rank", s, 0, 65535); });
  t.value("--master-addr", [&v](const std::string& s) {
    if (s.empty()) throw UsageError("--master-addr needs a host name or address");
    v.master_addr = s;
  });
  t.value("--master-port", [&v](const std::string& s) { v.master_port = intIn("--master-port", s, 1, 65535); });
  t.value("--dist-backend",
          [&v](const std::string& s) { v.backend = parseChoice("--dist-backend", s, parseDistBackend); });
  t.value("--dist-timeout",
          [&v](const std::string& s) { v.timeout_s = parseNumber("--dist-timeout", s, 1.0, 86400.0); });
}

}  // namespace

DistOptions applyDistFlags(const TrainOptions& o, DistOptions env) {
  const DistOptions& f = o.dist.values;
  if (o.given.count("--world-size")) env.world_size = f.world_size;
  if (o.given.count("--rank")) env.rank = f.rank;
  if (o.given.count("--local-rank")) env.local_rank = f.local_rank;
  if (o.given.count("--master-addr")) env.master_addr = f.master_addr;
  if (o.given.count("--master-port")) env.master_port = f.master_port;
  env.backend = f.backend;
  env.timeout_s = f.timeout_s;
  return env;
}

void addDataFlags(FlagTable& t, DataConfig& d, ModelConfig* model) {
  t.value("--data", [&d](const std::string& v) { d.path = v; });
  t.value("--res", [&d, model](const std::string& v) {
    const int r = intIn("--res", v, 1, 4096);
    if (r != 32 && r != 64 && r != 128 && r != 256)
      throw UsageError("--res: " + v + " is not supported (use 32, 64, 128 or 256)");
    d.resolution = r;
    if (model) model->resolution = r;
  });
  t.value("--channels", [&d](const std::string& v) { d.channels = parseChoice("--channels", v, parseChannels); });
  t.value("--aspect", [&d](const std::string& v) { d.aspect = parseChoice("--aspect", v, parseAspect); });
  t.value("--alpha", [&d](const std::string& v) { d.alpha = parseChoice("--alpha", v, parseAlpha); });
  t.value("--background", [&d](const std::string& v) { d.background = parseColour("--background", v); });
  t.value("--max-images", [&d](const std::string& v) {
    d.max_images = parseInteger("--max-images", v, 0, std::numeric_limits<int64_t>::max());
  });
  // Class labels (a class-conditional model): the subfolders of --data, or an IDX label file.
  t.toggle("--conditional", [&d] { d.class_labels = true; });
  t.value("--labels", [&d](const std::string& v) {
    d.labels_file = v;
    d.class_labels = true;
  });
  // Image-to-image models: where the (A, B) pairs come from, and which way to translate.
  t.value("--pairs", [&d](const std::string& v) { d.pairs = parseChoice("--pairs", v, parsePairs); });
  t.value("--direction", [&d](const std::string& v) {
    if (v != "a-to-b" && v != "b-to-a" && v != "AtoB" && v != "BtoA")
      throw UsageError("--direction: expected a-to-b or b-to-a, got '" + v + "'");
    d.reverse_pairs = v == "b-to-a" || v == "BtoA";
  });
  // CycleGAN: the second, unpaired domain (a folder or IDX file), or two classes of the labelled --data.
  t.value("--data-b", [&d](const std::string& v) { d.path_b = v; });
  t.value("--class-a", [&d](const std::string& v) { d.class_a = v; });
  t.value("--class-b", [&d](const std::string& v) { d.class_b = v; });
}

TrainOptions parseTrainOptions(const std::vector<std::string>& args, const TrainConfig& base) {
  TrainOptions o;
  o.config = base;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  if (const std::string file = configFlag(args); !file.empty()) o.config = loadConfigFile(file);

  TrainConfig& c = o.config;
  FlagTable t("train");
  addDataFlags(t, c.data, &c.model);
  t.value("--config", [](const std::string&) {});  // applied above
  t.value("--out", [&o](const std::string& v) { o.out = v; });
  t.toggle("--resume", [&o] { o.resume = true; });
  t.toggle("--no-flip", [&c] { c.data.hflip = false; });
  t.toggle("--flip", [&c] { c.data.hflip = true; });
  t.value("--model", [&c](const std::string& v) { c.model.kind = parseChoice("--model", v, parseModel); });
  t.value("--loss", [&c](const std::string& v) { c.optim.loss = parseChoice("--loss", v, parseLoss); });
  t.value("--batch", [&c](const std::string& v) { c.batch = intIn("--batch", v, 1, 65536); });
  t.value("--steps", [&c](const std::string& v) { c.total_steps = parseInteger("--steps", v, 1, kMaxSteps); });
  t.value("--lr-g", [&c](const std::string& v) { c.optim.lr_g = parseNumber("--lr-g", v, 1e-12, 1.0); });
  t.value("--lr-d", [&c](const std::string& v) { c.optim.lr_d = parseNumber("--lr-d", v, 1e-12, 1.0); });
  t.value("--beta1", [&c](const std::string& v) { c.optim.beta1 = parseNumber("--beta1", v, 0.0, 0.9999); });
  t.value("--beta2", [&c](const std::string& v) { c.optim.beta2 = parseNumber("--beta2", v, 0.0, 0.9999999); });
  t.value("--d-steps", [&c](const std::string& v) { c.optim.d_steps = intIn("--d-steps", v, 1, 100); });
  t.value("--g-fakes", [&c](const std::string& v) {
    if (v != "reuse" && v != "fresh") throw UsageError("--g-fakes: expected reuse or fresh, got '" + v + "'");
    c.optim.reuse_fakes = v == "reuse";
  });
  t.value("--r1", [&c](const std::string& v) { c.optim.r1_gamma = parseNumber("--r1", v, 0.0, 1e6); });
  t.value("--ema-kimg", [&c](const std::string& v) { c.optim.ema_kimg = parseNumber("--ema-kimg", v, 0.0, 1e6); });
  t.value("--ema-rampup",
          [&c](const std::string& v) { c.optim.ema_rampup = parseNumber("--ema-rampup", v, 0.0, 1.0); });
  t.value("--ema-norm", [&c](const std::string& v) { c.optim.ema_norm = parseChoice("--ema-norm", v, parseEmaNorm); });
  t.value("--augment", [&c](const std::string& v) { c.optim.augment = parseChoice("--augment", v, parseAugment); });
  t.value("--ada-target",
          [&c](const std::string& v) { c.optim.ada_target = parseNumber("--ada-target", v, -0.999, 0.999); });
  t.value("--ada-kimg", [&c](const std::string& v) { c.optim.ada_kimg = parseNumber("--ada-kimg", v, 1e-3, 1e6); });
  t.value("--augment-p", [&c](const std::string& v) { c.optim.augment_p = parseNumber("--augment-p", v, 0.0, 0.999); });
  t.value("--l1", [&c](const std::string& v) { c.optim.l1_weight = parseNumber("--l1", v, 0.0, 1e6); });
  t.value("--cycle", [&c](const std::string& v) { c.optim.cycle_weight = parseNumber("--cycle", v, 0.0, 1e6); });
  t.value("--identity",
          [&c](const std::string& v) { c.optim.identity_weight = parseNumber("--identity", v, 0.0, 100.0); });
  t.value("--pool", [&c](const std::string& v) { c.optim.pool_size = intIn("--pool", v, 0, 10000); });
  t.value("--quality-every",
          [&c](const std::string& v) { c.quality_every = intIn("--quality-every", v, 0, 1000000000); });
  t.toggle("--spectral-norm", [&c] { c.model.spectral_norm = true; });
  t.toggle("--mbstd", [&c] { c.model.minibatch_std = true; });
  t.value("--g-width", [&c](const std::string& v) { c.model.g_width = intIn("--g-width", v, 1, 4096); });
  t.value("--d-width", [&c](const std::string& v) { c.model.d_width = intIn("--d-width", v, 1, 4096); });
  t.value("--nz", [&c](const std::string& v) { c.model.latent_dim = intIn("--nz", v, 1, 4096); });
  t.value("--mapping-layers",
          [&c](const std::string& v) { c.model.mapping_layers = intIn("--mapping-layers", v, 1, 16); });
  t.value("--w-dim", [&c](const std::string& v) { c.model.w_dim = intIn("--w-dim", v, 0, 4096); });
  t.value("--seed", [&c](const std::string& v) { c.seed = parseUnsigned("--seed", v); });
  t.value("--device", [&c](const std::string& v) {
    if (v != "auto" && v != "cpu" && v != "cuda")
      throw UsageError("--device: expected auto, cpu or cuda, got '" + v + "'");
    c.device = v;
  });
  t.value("--threads", [&c](const std::string& v) { c.threads = intIn("--threads", v, 0, 1024); });
  t.value("--precision", [&c](const std::string& v) {
    if (v != "auto" && v != "fp32" && v != "bf16")
      throw UsageError("--precision: expected auto, fp32 or bf16, got '" + v + "'");
    c.precision = parsePrecision(v);
  });
  t.value("--log-every", [&c](const std::string& v) { c.log_every = intIn("--log-every", v, 1, 1000000000); });
  t.value("--sample-every",
          [&c](const std::string& v) { c.sample_every = intIn("--sample-every", v, 1, 1000000000); });
  t.value("--checkpoint-every",
          [&c](const std::string& v) { c.checkpoint_every = intIn("--checkpoint-every", v, 1, 1000000000); });
  t.value("--keep", [&c](const std::string& v) { c.keep_checkpoints = intIn("--keep", v, 1, 100000); });
  t.value("--health-every",
          [&c](const std::string& v) { c.health_every = intIn("--health-every", v, 1, 1000000000); });
  t.value("--birthday-trials",
          [&c](const std::string& v) { c.birthday_trials = intIn("--birthday-trials", v, 0, 1000); });
  t.value("--nan-lr-scale", [&c](const std::string& v) { c.nan_lr_scale = parseNumber("--nan-lr-scale", v, 1e-6, 1.0); });
  addDistFlags(t, o.dist);
  t.parse(args);
  o.given = t.given();
  applyModelOptimDefaults(o);

  if (o.given.count("--augment-p") && !o.resume) {
    // A fixed p is ADA's: it implies --augment ada, and contradicts the other kinds.
    if (!o.given.count("--augment")) c.optim.augment = AugmentKind::Ada;
    if (c.optim.augment != AugmentKind::Ada)
      throw UsageError("--augment-p sets ADA's probability: it needs --augment ada, not " + toString(c.optim.augment));
  }
  if (o.out.empty()) throw UsageError("--out RUN is required (the run folder to create or resume)");
  const bool translation = isTranslationModel(c.model.kind);
  for (const char* flag : {"--pairs", "--direction", "--l1"})
    if (o.given.count(flag) && !translation && !o.resume)
      throw UsageError(std::string(flag) + " is for image-to-image models (--model pix2pix)");
  const bool cycle = c.model.kind == ModelKind::CycleGan;
  for (const char* flag : {"--data-b", "--class-a", "--class-b", "--cycle", "--identity", "--pool"})
    if (o.given.count(flag) && !cycle && !o.resume)
      throw UsageError(std::string(flag) + " is for CycleGAN (--model cyclegan)");
  if (cycle && !o.resume) {
    for (const char* flag : {"--pairs", "--direction", "--l1", "--conditional"})
      if (o.given.count(flag))
        throw UsageError(std::string(flag) + " is not for CycleGAN: its two domains are unpaired (--data and "
                         "--data-b, or --class-a and --class-b)");
    // --labels names the file the two classes come from; the model itself is not class-conditional.
    c.data.class_labels = false;
    if (c.data.path_b.empty() && (c.data.class_a.empty() || c.data.class_b.empty()))
      throw UsageError("--model cyclegan needs a second domain: --data-b DIR, or --class-a and --class-b (two "
                       "classes of a labelled --data)");
    if (!c.data.path_b.empty() && (!c.data.class_a.empty() || !c.data.class_b.empty()))
      throw UsageError("give either --data-b or --class-a/--class-b, not both");
  }
  if (o.resume && o.given.count("--config"))
    throw UsageError("--config cannot be combined with --resume (a resumed run keeps its own config)");
  if (!o.resume && c.data.path.empty())
    throw UsageError("--data DIR|IDX is required (an image folder or an MNIST-style IDX file)");
  return o;
}

TrainOptions parseTrainOptions(const std::vector<std::string>& args) {
  static const TrainConfig kDefaults;
  return parseTrainOptions(args, kDefaults);
}

bool allowedOnResume(const std::string& flag) {
  static const std::set<std::string> kAllowed{"--out",     "--resume",       "--data",         "--steps",
                                              "--device",  "--threads",      "--precision",    "--log-every",
                                              "--sample-every",
                                              "--checkpoint-every", "--keep", "--health-every",
                                              "--birthday-trials", "--nan-lr-scale", "--quality-every",
                                              "--labels",
                                              // Where and how many: a resume may use another world size.
                                              "--nproc", "--world-size", "--rank", "--local-rank", "--master-addr",
                                              "--master-port", "--dist-backend", "--dist-timeout"};
  return kAllowed.count(flag) > 0;
}

DataOptions parseDataOptions(const std::vector<std::string>& args) {
  DataOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t("data");
  addDataFlags(t, o.data, nullptr);
  t.parse(args);
  o.paired = t.given().count("--pairs") || t.given().count("--direction");
  if (o.data.path.empty()) throw UsageError("--data DIR|IDX is required");
  return o;
}

}  // namespace gs::cli

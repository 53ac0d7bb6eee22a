#include "config.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "util/error.h"

namespace gs {
namespace {

using json = nlohmann::json;

template <typename E>
struct EnumNames {
  std::vector<std::pair<E, const char*>> names;
  const char* what;
};

const EnumNames<LossKind> kLoss{{{LossKind::Minimax, "minimax"},
                                 {LossKind::NonSaturating, "ns"},
                                 {LossKind::WganGp, "wgan-gp"},
                                 {LossKind::Hinge, "hinge"},
                                 {LossKind::LeastSquares, "lsgan"}},
                                "loss (minimax, ns, wgan-gp, hinge, lsgan)"};
const EnumNames<ModelKind> kModel{
    {{ModelKind::Dcgan, "dcgan"},
     {ModelKind::Style, "style"},
     {ModelKind::Pix2Pix, "pix2pix"},
     {ModelKind::CycleGan, "cyclegan"}},
    "model (dcgan, style, pix2pix, cyclegan)"};
const EnumNames<PairSource> kPairs{{{PairSource::Auto, "auto"},
                                    {PairSource::SideBySide, "side-by-side"},
                                    {PairSource::Folders, "folders"},
                                    {PairSource::Edges, "edges"}},
                                   "pairs (auto, side-by-side, folders, edges)"};
const EnumNames<AspectPolicy> kAspect{
    {{AspectPolicy::CenterCrop, "crop"}, {AspectPolicy::Pad, "pad"}, {AspectPolicy::Stretch, "stretch"}},
    "aspect policy (crop, pad, stretch)"};
const EnumNames<AlphaPolicy> kAlpha{{{AlphaPolicy::Composite, "composite"}, {AlphaPolicy::Keep, "keep"}},
                                    "alpha policy (composite, keep)"};
const EnumNames<ChannelPolicy> kChannels{{{ChannelPolicy::Auto, "auto"},
                                          {ChannelPolicy::Gray, "gray"},
                                          {ChannelPolicy::Rgb, "rgb"},
                                          {ChannelPolicy::Rgba, "rgba"}},
                                         "channels (auto, gray, rgb, rgba)"};
const EnumNames<EmaNorm> kEmaNorm{
    {{EmaNorm::Copy, "copy"}, {EmaNorm::Average, "average"}, {EmaNorm::Recompute, "recompute"}},
    "EMA BatchNorm statistics (copy, average, recompute)"};
const EnumNames<AugmentKind> kAugment{{{AugmentKind::Auto, "auto"},
                                       {AugmentKind::None, "none"},
                                       {AugmentKind::Ada, "ada"},
                                       {AugmentKind::DiffAug, "diffaug"}},
                                      "augmentation (auto, none, ada, diffaug)"};
const EnumNames<Precision> kPrecision{
    {{Precision::Auto, "auto"}, {Precision::Fp32, "fp32"}, {Precision::Bf16, "bf16"}}, "precision (auto, fp32, bf16)"};

template <typename E>
std::string name(const EnumNames<E>& table, E v) {
  for (const auto& [value, text] : table.names)
    if (value == v) return text;
  return "?";
}

template <typename E>
E parse(const EnumNames<E>& table, const std::string& s) {
  for (const auto& [value, text] : table.names)
    if (s == text) return value;
  // Accept a few spellings people type.
  if constexpr (std::is_same_v<E, LossKind>) {
    if (s == "non-saturating" || s == "nonsaturating") return LossKind::NonSaturating;
    if (s == "wgan" || s == "wgangp") return LossKind::WganGp;
  }
  if constexpr (std::is_same_v<E, AspectPolicy>)
    if (s == "center-crop" || s == "centre-crop") return AspectPolicy::CenterCrop;
  if constexpr (std::is_same_v<E, ChannelPolicy>)
    if (s == "grey" || s == "grayscale") return ChannelPolicy::Gray;
  throw GanscopeError("unknown " + std::string(table.what) + ": '" + s + "'");
}

// One JSON value into a config field, strictly: integers must be whole numbers that fit (a huge or fractional
// number would otherwise be cast with undefined behaviour), booleans must be booleans. False: wrong type.
template <typename T>
bool convert(const json& v, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) return false;
    out = v.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    if (v.is_number_unsigned()) {
      const uint64_t u = v.get<uint64_t>();
      if (u > uint64_t(std::numeric_limits<T>::max())) throw std::out_of_range("out of range");
      out = static_cast<T>(u);
    } else if (v.is_number_integer()) {
      const int64_t i = v.get<int64_t>();
      if (i < int64_t(std::numeric_limits<T>::min()) ||
          (i > 0 && uint64_t(i) > uint64_t(std::numeric_limits<T>::max())))
        throw std::out_of_range("out of range");
      out = static_cast<T>(i);
    } else if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!(d == std::floor(d)) || d < double(std::numeric_limits<T>::min()) ||
          d >= std::ldexp(1.0, std::numeric_limits<T>::digits))
        throw std::out_of_range("not a whole number in range");
      out = static_cast<T>(d);
    } else {
      return false;
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!v.is_number()) return false;
    out = v.get<T>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) return false;
    out = v.get<std::string>();
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!v.is_array()) return false;
    out.clear();
    for (const auto& e : v) {
      if (!e.is_string()) return false;
      out.push_back(e.get<std::string>());
    }
  } else {  // std::array<int, N>
    if (!v.is_array() || v.size() != out.size()) return false;
    for (size_t i = 0; i < out.size(); ++i)
      if (!convert(v[i], out[i])) return false;
  }
  return true;
}

// Reads `key` into `out` when present; names the key when its type is wrong or its number out of range.
template <typename T>
void read(const json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  try {
    if (!convert(*it, out))
      throw GanscopeError(std::string("config: field '") + key + "' has the wrong type (" + it->type_name() + ")");
  } catch (const std::out_of_range& e) {
    throw GanscopeError(std::string("config: field '") + key + "' is " + e.what() + " (" + it->dump() + ")");
  }
}

template <typename E>
void readEnum(const json& j, const char* key, const EnumNames<E>& table, E& out) {
  std::string s = name(table, out);
  read(j, key, s);
  out = parse(table, s);
}

}  // namespace

std::string toString(LossKind v) { return name(kLoss, v); }
std::string toString(ModelKind v) { return name(kModel, v); }
std::string toString(AspectPolicy v) { return name(kAspect, v); }
std::string toString(AlphaPolicy v) { return name(kAlpha, v); }
std::string toString(ChannelPolicy v) { return name(kChannels, v); }
std::string toString(EmaNorm v) { return name(kEmaNorm, v); }
std::string toString(AugmentKind v) { return name(kAugment, v); }
std::string toString(PairSource v) { return name(kPairs, v); }
std::string toString(Precision v) { return name(kPrecision, v); }
LossKind parseLoss(const std::string& s) { return parse(kLoss, s); }
ModelKind parseModel(const std::string& s) { return parse(kModel, s); }
AspectPolicy parseAspect(const std::string& s) { return parse(kAspect, s); }
AlphaPolicy parseAlpha(const std::string& s) { return parse(kAlpha, s); }
ChannelPolicy parseChannels(const std::string& s) { return parse(kChannels, s); }
EmaNorm parseEmaNorm(const std::string& s) { return parse(kEmaNorm, s); }
AugmentKind parseAugment(const std::string& s) { return parse(kAugment, s); }
PairSource parsePairs(const std::string& s) { return parse(kPairs, s); }
Precision parsePrecision(const std::string& s) { return parse(kPrecision, s); }
bool isTranslationModel(ModelKind kind) { return kind == ModelKind::Pix2Pix || kind == ModelKind::CycleGan; }

AugmentKind resolveAugment(AugmentKind kind, int64_t images) {
  if (kind != AugmentKind::Auto) return kind;
  return images < kAutoAugmentImages ? AugmentKind::Ada : AugmentKind::None;
}

std::string toJson(const TrainConfig& c, int indent) {
  json j;
  j["data"] = {{"path", c.data.path},
               {"resolution", c.data.resolution},
               {"channels", toString(c.data.channels)},
               {"aspect", toString(c.data.aspect)},
               {"alpha", toString(c.data.alpha)},
               {"background", c.data.background},
               {"hflip", c.data.hflip},
               {"max_pixels", c.data.max_pixels},
               {"max_images", c.data.max_images},
               {"class_labels", c.data.class_labels},
               {"labels_file", c.data.labels_file},
               {"pairs", toString(c.data.pairs)},
               {"reverse_pairs", c.data.reverse_pairs},
               {"path_b", c.data.path_b},
               {"class_a", c.data.class_a},
               {"class_b", c.data.class_b}};
  j["model"] = {{"kind", toString(c.model.kind)},
                {"latent_dim", c.model.latent_dim},
                {"g_width", c.model.g_width},
                {"d_width", c.model.d_width},
                {"spectral_norm", c.model.spectral_norm},
                {"minibatch_std", c.model.minibatch_std},
                {"channels", c.model.channels},
                {"resolution", c.model.resolution},
                {"mapping_layers", c.model.mapping_layers},
                {"w_dim", c.model.w_dim},
                {"num_classes", c.model.num_classes},
                {"class_names", c.model.class_names},
                {"input_channels", c.model.input_channels}};
  j["optim"] = {{"loss", toString(c.optim.loss)}, {"lr_g", c.optim.lr_g},
                {"lr_d", c.optim.lr_d},           {"beta1", c.optim.beta1},
                {"beta2", c.optim.beta2},         {"d_steps", c.optim.d_steps},
                {"reuse_fakes", c.optim.reuse_fakes},
                {"gp_weight", c.optim.gp_weight}, {"r1_gamma", c.optim.r1_gamma},
                {"r1_interval", c.optim.r1_interval}, {"ema_kimg", c.optim.ema_kimg},
                {"ema_rampup", c.optim.ema_rampup}, {"ema_norm", toString(c.optim.ema_norm)},
                {"augment", toString(c.optim.augment)}, {"ada_target", c.optim.ada_target},
                {"ada_kimg", c.optim.ada_kimg},     {"augment_p", c.optim.augment_p},
                {"l1_weight", c.optim.l1_weight},   {"cycle_weight", c.optim.cycle_weight},
                {"identity_weight", c.optim.identity_weight}, {"pool_size", c.optim.pool_size}};
  j["batch"] = c.batch;
  j["seed"] = c.seed;
  j["total_steps"] = c.total_steps;
  j["log_every"] = c.log_every;
  j["sample_every"] = c.sample_every;
  j["checkpoint_every"] = c.checkpoint_every;
  j["keep_checkpoints"] = c.keep_checkpoints;
  j["grid_size"] = c.grid_size;
  j["device"] = c.device;
  j["precision"] = toString(c.precision);
  j["threads"] = c.threads;
  j["health_every"] = c.health_every;
  j["birthday_trials"] = c.birthday_trials;
  j["nan_lr_scale"] = c.nan_lr_scale;
  j["quality_every"] = c.quality_every;
  return j.dump(indent);
}

TrainConfig trainConfigFromJson(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // parse errors, and numbers too large for a double
    throw GanscopeError(std::string("config: not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) throw GanscopeError("config: expected a JSON object");
  for (const char* section : {"data", "model", "optim"}) {
    if (auto it = j.find(section); it != j.end() && !it->is_object())
      throw GanscopeError(std::string("config: \"") + section + "\" must be a JSON object, not " + it->type_name());
  }
  TrainConfig c;
  // Runs from before augmentation existed trained without it: they resume unchanged.
  c.optim.augment = AugmentKind::None;
  // ... and before the precision choice existed, in fp32.
  c.precision = Precision::Fp32;
  if (auto d = j.find("data"); d != j.end() && d->is_object()) {
    read(*d, "path", c.data.path);
    read(*d, "resolution", c.data.resolution);
    readEnum(*d, "channels", kChannels, c.data.channels);
    readEnum(*d, "aspect", kAspect, c.data.aspect);
    readEnum(*d, "alpha", kAlpha, c.data.alpha);
    read(*d, "background", c.data.background);
    read(*d, "hflip", c.data.hflip);
    read(*d, "max_pixels", c.data.max_pixels);
    read(*d, "max_images", c.data.max_images);
    read(*d, "class_labels", c.data.class_labels);
    read(*d, "labels_file", c.data.labels_file);
    readEnum(*d, "pairs", kPairs, c.data.pairs);
    read(*d, "reverse_pairs", c.data.reverse_pairs);
    read(*d, "path_b", c.data.path_b);
    read(*d, "class_a", c.data.class_a);
    read(*d, "class_b", c.data.class_b);
  }
  if (auto m = j.find("model"); m != j.end() && m->is_object()) {
    readEnum(*m, "kind", kModel, c.model.kind);
    read(*m, "latent_dim", c.model.latent_dim);
    read(*m, "g_width", c.model.g_width);
    read(*m, "d_width", c.model.d_width);
    read(*m, "spectral_norm", c.model.spectral_norm);
    read(*m, "minibatch_std", c.model.minibatch_std);
    read(*m, "channels", c.model.channels);
    read(*m, "resolution", c.model.resolution);
    read(*m, "mapping_layers", c.model.mapping_layers);
    read(*m, "w_dim", c.model.w_dim);
    read(*m, "num_classes", c.model.num_classes);
    read(*m, "class_names", c.model.class_names);
    read(*m, "input_channels", c.model.input_channels);
  }
  if (auto o = j.find("optim"); o != j.end() && o->is_object()) {
    readEnum(*o, "loss", kLoss, c.optim.loss);
    read(*o, "lr_g", c.optim.lr_g);
    read(*o, "lr_d", c.optim.lr_d);
    read(*o, "beta1", c.optim.beta1);
    read(*o, "beta2", c.optim.beta2);
    read(*o, "d_steps", c.optim.d_steps);
    read(*o, "reuse_fakes", c.optim.reuse_fakes);
    read(*o, "gp_weight", c.optim.gp_weight);
    read(*o, "r1_gamma", c.optim.r1_gamma);
    read(*o, "r1_interval", c.optim.r1_interval);
    read(*o, "ema_kimg", c.optim.ema_kimg);
    read(*o, "ema_rampup", c.optim.ema_rampup);
    readEnum(*o, "ema_norm", kEmaNorm, c.optim.ema_norm);
    readEnum(*o, "augment", kAugment, c.optim.augment);
    read(*o, "ada_target", c.optim.ada_target);
    read(*o, "ada_kimg", c.optim.ada_kimg);
    read(*o, "augment_p", c.optim.augment_p);
    read(*o, "l1_weight", c.optim.l1_weight);
    read(*o, "cycle_weight", c.optim.cycle_weight);
    read(*o, "identity_weight", c.optim.identity_weight);
    read(*o, "pool_size", c.optim.pool_size);
  }
  read(j, "batch", c.batch);
  read(j, "seed", c.seed);
  read(j, "total_steps", c.total_steps);
  read(j, "log_every", c.log_every);
  read(j, "sample_every", c.sample_every);
  read(j, "checkpoint_every", c.checkpoint_every);
  read(j, "keep_checkpoints", c.keep_checkpoints);
  read(j, "grid_size", c.grid_size);
  read(j, "device", c.device);
  readEnum(j, "precision", kPrecision, c.precision);
  read(j, "threads", c.threads);
  read(j, "health_every", c.health_every);
  read(j, "birthday_trials", c.birthday_trials);
  read(j, "nan_lr_scale", c.nan_lr_scale);
  read(j, "quality_every", c.quality_every);
  return c;
}

OptimConfig defaultOptim(ModelKind kind, int /*resolution*/) {
  OptimConfig o;
  // pix2pix: Adam 2e-4, betas (0.5, 0.999) as DCGAN; no EMA generator and no augmentation (D sees the pair, and
  // a flip or colour change of B alone would break it).
  if (kind == ModelKind::Pix2Pix) {
    o.ema_kimg = 0;
    o.augment = AugmentKind::None;
    return o;
  }
  // CycleGAN: the paper's least-squares loss and Adam 2e-4, betas (0.5, 0.999); no EMA, no augmentation.
  if (kind == ModelKind::CycleGan) {
    o.loss = LossKind::LeastSquares;
    o.ema_kimg = 0;
    o.augment = AugmentKind::None;
    return o;
  }
  // ADA's target for r_t: StyleGAN2-ADA's 0.6 suits its residual D; a DCGAN's BatchNorm D sits near r_t 0.85-0.9
  // on any data early on, so at 0.6 ADA over-augments it (README "Augmentation (ADA)": 0.8 kept FID, 0.6 lost it).
  if (kind != ModelKind::Style) {
    o.ada_target = 0.8;
    // One generator forward per step: ~8% fewer FLOPs, quality measured the same (README "Against a tuned PyTorch loop").
    o.reuse_fakes = true;
    return o;
  }
  o.lr_g = o.lr_d = 2e-3;
  o.beta1 = 0.0;
  o.beta2 = 0.99;
  o.r1_gamma = 1.0;
  o.r1_interval = 16;
  return o;
}

void validate(const TrainConfig& c) {
  auto fail = [](const std::string& m) { throw GanscopeError("config: " + m); };
  const int r = c.model.resolution;
  if (r != 32 && r != 64 && r != 128 && r != 256) fail("resolution must be 32, 64, 128 or 256");
  if (c.data.resolution != r) fail("data.resolution and model.resolution differ");
  if (c.model.channels != 0 && c.model.channels != 1 && c.model.channels != 3 && c.model.channels != 4)
    fail("channels must be 1, 3 or 4");
  if (c.model.latent_dim < 1 || c.model.latent_dim > 4096) fail("latent_dim must be in 1..4096");
  if (c.model.g_width < 4 || c.model.d_width < 4) fail("g_width and d_width must be at least 4");
  if (c.batch < 1 || c.batch > 4096) fail("batch must be in 1..4096");
  if (c.optim.d_steps < 1) fail("d_steps must be at least 1");
  if (!(c.optim.lr_g > 0) || !(c.optim.lr_d > 0)) fail("learning rates must be positive");
  if (c.optim.beta1 < 0 || c.optim.beta1 >= 1 || c.optim.beta2 < 0 || c.optim.beta2 >= 1)
    fail("Adam betas must be in [0, 1)");
  if (c.optim.r1_gamma < 0 || c.optim.r1_interval < 1) fail("r1_gamma must be >= 0 and r1_interval >= 1");
  if (c.optim.ema_kimg < 0) fail("ema_kimg must be >= 0");
  if (c.optim.ema_rampup < 0 || c.optim.ema_rampup > 1) fail("ema_rampup must be in 0..1");
  if (!(c.optim.ada_target > -1 && c.optim.ada_target < 1)) fail("ada_target must be in (-1, 1)");
  if (!(c.optim.ada_kimg > 0)) fail("ada_kimg must be positive");
  if (!(c.optim.augment_p < 1)) fail("augment_p must be below 1 (negative: adapt)");
  if (c.quality_every < 0) fail("quality_every must be >= 0");
  if (c.total_steps < 0) fail("total_steps must be >= 0");
  if (c.log_every < 1 || c.sample_every < 1 || c.checkpoint_every < 1) fail("intervals must be at least 1");
  if (c.keep_checkpoints < 1) fail("keep_checkpoints must be at least 1");
  if (c.grid_size < 1 || c.grid_size > 32) fail("grid_size must be in 1..32");
  if (c.device != "auto" && c.device != "cpu" && c.device != "cuda") fail("device must be auto, cpu or cuda");
  if (c.threads < 0) fail("threads must be >= 0");
  if (c.health_every < 1) fail("health_every must be at least 1");
  if (c.birthday_trials < 0 || c.birthday_trials > 1000) fail("birthday_trials must be in 0..1000");
  if (!(c.nan_lr_scale > 0) || c.nan_lr_scale > 1) fail("nan_lr_scale must be in (0, 1]");
  if (c.model.num_classes < 0 || c.model.num_classes > 1000) fail("num_classes must be in 0..1000");
  if (c.model.num_classes > 0 && c.model.class_names.size() != static_cast<size_t>(c.model.num_classes))
    fail("class_names must hold num_classes (" + std::to_string(c.model.num_classes) + ") names, not " +
         std::to_string(c.model.class_names.size()));
  for (int v : c.data.background)
    if (v < 0 || v > 255) fail("background colour components must be in 0..255");
  if (!(c.optim.l1_weight >= 0) || c.optim.l1_weight > 1e6) fail("l1_weight must be in 0..1e6");
  if (c.model.input_channels != 0 && c.model.input_channels != 1 && c.model.input_channels != 3 &&
      c.model.input_channels != 4)
    fail("input_channels must be 1, 3 or 4");
  if (isTranslationModel(c.model.kind)) {
    if (c.optim.loss == LossKind::WganGp || c.optim.r1_gamma > 0)
      fail(toString(c.model.kind) + " trains with the ns, minimax, hinge or lsgan loss and no gradient penalty");
    if (c.data.class_labels || c.model.num_classes > 0) fail(toString(c.model.kind) + " is not class-conditional");
    if (c.optim.augment == AugmentKind::Ada || c.optim.augment == AugmentKind::DiffAug)
      fail(toString(c.model.kind) + " trains without augmentation (use --augment none)");
    if (c.precision == Precision::Bf16) fail(toString(c.model.kind) + " trains in fp32 (use --precision fp32)");
  }
  if (!(c.optim.cycle_weight >= 0) || c.optim.cycle_weight > 1e6) fail("cycle_weight must be in 0..1e6");
  if (!(c.optim.identity_weight >= 0) || c.optim.identity_weight > 100) fail("identity_weight must be in 0..100");
  if (c.optim.pool_size < 0 || c.optim.pool_size > 10000) fail("pool_size must be in 0..10000");
  if (c.model.kind == ModelKind::CycleGan) {
    if (c.data.path_b.empty() && (c.data.class_a.empty() || c.data.class_b.empty()))
      fail("cyclegan needs a second domain: --data-b FOLDER, or --class-a and --class-b of a labelled dataset");
    if (c.model.input_channels != 0 && c.model.channels != 0 && c.model.input_channels != c.model.channels)
      fail("cyclegan's two domains must have the same channels (its identity loss feeds B to the A -> B "
           "generator)");
  }
}

std::string architectureMismatch(const TrainConfig& in_file, const TrainConfig& here) {
  std::string out;
  auto check = [&out](const char* name, const std::string& a, const std::string& b) {
    if (a == b) return;
    if (!out.empty()) out += "; ";
    out += std::string(name) + " " + a + " in the checkpoint, " + b + " here";
  };
  auto str = [](auto v) { return std::to_string(v); };
  const ModelConfig& a = in_file.model;
  const ModelConfig& b = here.model;
  check("model", toString(a.kind), toString(b.kind));
  check("latent_dim", str(a.latent_dim), str(b.latent_dim));
  check("g_width", str(a.g_width), str(b.g_width));
  check("d_width", str(a.d_width), str(b.d_width));
  check("spectral_norm", str(a.spectral_norm), str(b.spectral_norm));
  check("minibatch_std", str(a.minibatch_std), str(b.minibatch_std));
  check("channels", str(a.channels), str(b.channels));
  check("resolution", str(a.resolution), str(b.resolution));
  check("num_classes", str(a.num_classes), str(b.num_classes));
  if (isTranslationModel(a.kind) && isTranslationModel(b.kind))
    check("input_channels", str(a.input_channels), str(b.input_channels));
  if (a.kind == ModelKind::Style && b.kind == ModelKind::Style) {
    check("mapping_layers", str(a.mapping_layers), str(b.mapping_layers));
    check("w_dim", str(a.w_dim), str(b.w_dim));
  }
  // With a gradient penalty (WGAN-GP or R1) the discriminator has no BatchNorm, so the weights don't fit.
  auto plainD = [](const OptimConfig& o) { return o.loss == LossKind::WganGp || o.r1_gamma > 0; };
  if (plainD(in_file.optim) != plainD(here.optim)) {
    auto describe = [&](const OptimConfig& o) {
      return toString(o.loss) + (o.r1_gamma > 0 ? " with R1" : "") +
             (plainD(o) ? " (discriminator without BatchNorm)" : " (discriminator with BatchNorm)");
    };
    check("loss", describe(in_file.optim), describe(here.optim));
  }
  return out;
}

int classIndex(const ModelConfig& model, const std::string& text) {
  if (model.num_classes <= 0)
    throw GanscopeError("class '" + text + "' asked of an unconditional model (it was not trained with --conditional)");
  auto known = [&model] {
    std::string s;
    for (size_t i = 0; i < model.class_names.size(); ++i)
      s += (i ? ", " : "") + std::to_string(i) + " " + model.class_names[i];
    return s;
  };
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 6) {
    const int k = std::stoi(text);
    if (k < model.num_classes) return k;
    throw GanscopeError("class " + text + " is out of range: the model has " + std::to_string(model.num_classes) +
                        " classes (" + known() + ")");
  }
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  for (size_t i = 0; i < model.class_names.size(); ++i)
    if (model.class_names[i] == text) return static_cast<int>(i);
  for (size_t i = 0; i < model.class_names.size(); ++i)
    if (lower(model.class_names[i]) == lower(text)) return static_cast<int>(i);
  throw GanscopeError("unknown class '" + text + "': the model's classes are " + known());
}

}  // namespace gs

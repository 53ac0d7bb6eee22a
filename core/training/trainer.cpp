#include "training/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <chrono>
#include <cmath>
#include <mutex>

#include "distributed/dist_group.h"
#include "distributed/grad_sync.h"
#include "training/augment.h"
#include "training/ema.h"
#include "training/global_rng_scope.h"
#include "training/losses.h"
#include "training/module_grads.h"
#include "training/precision.h"
#include "training/trainer_state.h"
#include "util/device.h"
#include "util/error.h"
#include "util/seeded_stream.h"

namespace gs {

void applyOptimConfig(TrainerState& s) {
  const OptimConfig& o = s.config.optim;
  auto apply = [&o](torch::optim::Adam& opt, double lr) {
    for (auto& group : opt.param_groups()) {
      auto& options = static_cast<torch::optim::AdamOptions&>(group.options());
      options.lr(lr);
      options.betas(std::make_tuple(o.beta1, o.beta2));
    }
  };
  apply(*s.opt_g, o.lr_g);
  apply(*s.opt_d, o.lr_d);
}

void refreshEmaNorm(TrainerState& s) {
  const OptimConfig& o = s.config.optim;
  if (o.ema_norm != EmaNorm::Recompute || o.ema_kimg <= 0 || s.ema_norm_step == s.step) return;
  s.ema_norm_step = s.step;
  if (!hasBatchNorm(*s.g_ema)) return;
  at::Generator gen = at::detail::createCPUGenerator(deriveSeed(s.config.seed, 8) ^ static_cast<uint64_t>(s.step));
  const int64_t n = std::max(64, s.config.batch);
  recomputeNormStats(*s.g_ema, /*batches=*/8, [&] {
    s.g_ema->forward(at::randn({n, s.config.model.latent_dim}, gen, at::TensorOptions(at::kFloat)).to(s.device));
  });
}

namespace {

// Every image D sees goes through here: real and fake, in D's steps and G's.
at::Tensor augmentForD(TrainerState& s, const at::Tensor& x) {
  switch (s.config.optim.augment) {
    case AugmentKind::Ada: return adaAugment(x, s.ada.p(), s.augment_rng, s.shard);
    case AugmentKind::DiffAug: return diffAugment(x, s.augment_rng, s.shard);
    default: return x;
  }
}

// Latents of the global batch (`batch` rows), this rank's shard of them.
at::Tensor drawLatents(TrainerState& s, int64_t batch) {
  const at::Tensor z = at::randn({batch, s.config.model.latent_dim}, s.latent_rng, at::TensorOptions(at::kFloat));
  return s.shard.take(z).to(s.device);
}

// Classes of the generator step: uniform over the classes, from the latent stream (drawn after the latents, so a
// run's stream is a function of its seed and step alone). Undefined for an unconditional model.
at::Tensor drawClasses(TrainerState& s, int64_t batch) {
  const int64_t k = s.config.model.num_classes;
  if (k <= 0) return {};
  return s.shard.take(at::randint(k, {batch}, s.latent_rng, at::TensorOptions(at::kLong))).to(s.device);
}

// Data-parallel: every rank must shard the same images in the same order, so their fingerprints must agree.
void requireSameDataOnEveryRank(TrainerState& s) {
  const std::string fingerprint = s.data->fingerprint();
  uint64_t fnv = 14695981039346656037ull;  // FNV-1a: the same on every machine, unlike std::hash
  for (const unsigned char c : fingerprint) fnv = (fnv ^ c) * 1099511628211ull;
  const auto h = static_cast<int64_t>(fnv >> 1);
  std::vector<at::Tensor> extremes{at::tensor({h, -h}, at::TensorOptions(at::kLong))};
  s.dist->allreduceMax(extremes);
  const int64_t* e = extremes[0].data_ptr<int64_t>();
  if (e[0] != h || -e[1] != h)
    throw GanscopeError("the ranks loaded different datasets (this rank's fingerprint is " + fingerprint +
                        "): every rank needs the same images at its --data path");
}

// Data-parallel: averages a network's gradients over the ranks; returns the seconds it took.
double syncGradients(TrainerState& s, torch::nn::Module& m) {
  if (!s.dist) return 0.0;
  const auto t0 = std::chrono::steady_clock::now();
  averageGradients(*s.dist, m);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Data-parallel: every rank's numbers of a step, summed over the ranks (in place; one small all-reduce).
void sumOverRanks(TrainerState& s, std::vector<double>& values) {
  if (!s.dist) return;
  std::vector<at::Tensor> t{at::tensor(values, at::TensorOptions(at::kDouble))};
  s.dist->allreduceSum(t);
  const double* out = t[0].data_ptr<double>();
  for (size_t i = 0; i < values.size(); ++i) values[i] = out[i];
}

}  // namespace

Trainer::Trainer(TrainConfig config, std::shared_ptr<const ImageDataset> data, std::shared_ptr<DistGroup> dist)
    : s_(std::make_unique<State>()) {
  State& s = *s_;
  if (!data || data->size() == 0) throw GanscopeError("training needs a dataset with at least one image");
  if (data->resolution() != config.data.resolution)
    throw GanscopeError("dataset " + data->summary().source + " is " + std::to_string(data->resolution()) +
                        " px but the config asks for data.resolution " + std::to_string(config.data.resolution));
  config.model.channels = data->channels();
  config.model.resolution = data->resolution();
  // A class-conditional model takes its classes from the dataset's labels.
  if (config.data.class_labels) {
    if (!data->hasLabels())
      throw GanscopeError("dataset " + data->summary().source + " has no class labels for conditional training");
    config.model.num_classes = data->numClasses();
    config.model.class_names = data->classNames();
  } else if (config.model.num_classes > 0) {
    throw GanscopeError("the config asks for a conditional model (" + std::to_string(config.model.num_classes) +
                        " classes) but data.class_labels is off");
  }
  config.optim.augment = resolveAugment(config.optim.augment, data->size());
  validate(config);
  if (dist) {
    if (const std::string problem = shardProblem(config.batch, dist->worldSize()); !problem.empty())
      throw GanscopeError(problem);
    s.shard = dist->shard();
  }
  s.dist = std::move(dist);
  s.config = config;
  s.data = std::move(data);
  setCpuThreads(config.threads);
  s.device = selectDevice(config.device);
  // One GPU per rank on a machine: LOCAL_RANK picks it.
  if (s.dist && s.device.is_cuda())
    s.device = c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(s.dist->options().local_rank));
  // config.json records the arithmetic chosen, as it does the augmentation.
  config.precision = resolvePrecision(config.precision, config.model.kind, s.device, cpuBf16Support());
  requireSupported(config.precision, s.device, cpuBf16Support());
  s.config.precision = config.precision;

  // Weights are initialised on the CPU from the seeded global generator, then moved: same weights on any device.
  GlobalRngScope::seed(c10::Device(c10::kCPU), config.seed);
  if (s.device.is_cuda()) GlobalRngScope::seed(s.device, deriveSeed(config.seed, 3));
  s.g = makeGenerator(config.model);
  s.d = makeDiscriminator(config.model, config.optim);
  s.g_ema = makeGenerator(config.model);
  s.g->to(s.device);
  s.d->to(s.device);
  s.g_ema->to(s.device);
  copyWeights(*s.g_ema, *s.g);
  setRequiresGrad(*s.g_ema, false);
  s.g_ema->eval();
  {
    at::Generator cpu = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(cpu.mutex());
    s.cpu_rng_state = cpu.get_state();
  }
  if (s.device.is_cuda()) {
    at::Generator cuda = at::globalContext().defaultGenerator(s.device);
    std::lock_guard<std::mutex> lock(cuda.mutex());
    s.cuda_rng_state = cuda.get_state();
  }

  const OptimConfig& o = config.optim;
  s.opt_g = std::make_unique<torch::optim::Adam>(
      s.g->parameters(), torch::optim::AdamOptions(o.lr_g).betas(std::make_tuple(o.beta1, o.beta2)));
  s.opt_d = std::make_unique<torch::optim::Adam>(
      s.d->parameters(), torch::optim::AdamOptions(o.lr_d).betas(std::make_tuple(o.beta1, o.beta2)));
  s.latent_rng = at::detail::createCPUGenerator(deriveSeed(config.seed, 1));
  s.augment_rng = at::detail::createCPUGenerator(deriveSeed(config.seed, 9));
  s.ada = AdaController(config.optim);
  s.loader = std::make_unique<BatchLoader>(s.data, config.batch, deriveSeed(config.seed, 0), config.data.hflip,
                                          /*prefetch=*/3, s.shard);
  if (s.dist) {
    requireSameDataOnEveryRank(s);
    // Same seed, same weights; copying rank 0's makes sure of it (as DDP does when it wraps a module).
    broadcastState(*s.dist, *s.g);
    broadcastState(*s.dist, *s.d);
    broadcastState(*s.dist, *s.g_ema);
  }
}

Trainer::~Trainer() = default;

StepStats Trainer::step() {
  State& s = *s_;
  const auto t0 = std::chrono::steady_clock::now();
  GlobalRngScope rng(s.cpu_rng_state, s.cuda_rng_state, s.device);
  BatchShardScope shard_scope(s.shard);
  const OptimConfig& o = s.config.optim;
  const int64_t batch = s.config.batch;  // the global batch; this process trains on s.shard's rows of it
  const int d_steps = std::max(1, o.d_steps);

  StepStats st;
  double d_loss_sum = 0, d_real_sum = 0, d_fake_sum = 0, penalty_sum = 0, sign_sum = 0;
  int64_t sign_count = 0;
  int penalty_count = 0;
  const bool conditional = s.config.model.num_classes > 0;
  // With reuse_fakes, the last D step's fakes keep G's graph and G's step trains on them (with their classes).
  at::Tensor kept_fake, kept_classes;
  for (int k = 0; k < d_steps; ++k) {
    const BatchLoader::Batch b = s.loader->nextBatch();
    const at::Tensor real = b.images.to(s.device, /*non_blocking=*/true);
    // A conditional D step: the fakes are drawn with the real images' classes, and D scores both with them.
    const at::Tensor classes = conditional ? b.labels.to(s.device) : at::Tensor();
    const bool keep = o.reuse_fakes && k == d_steps - 1;
    // The networks' forward passes and the losses run under bf16 autocast when asked (training/precision.h);
    // augmentation (its sampling grids) and the backward passes stay outside it, in fp32.
    at::Tensor fake;
    {
      at::AutoGradMode grad_mode(keep);
      AutocastScope amp(s.config.precision, s.device);
      fake = s.g->forwardWithClasses(drawLatents(s, batch), classes).to(at::kFloat);
    }
    if (keep) {
      kept_fake = fake;
      kept_classes = classes;
      fake = fake.detach();  // D's step must not reach G
    }
    // The penalties too see what D sees: the augmented reals (and fakes), as in StyleGAN2-ADA.
    const at::Tensor real_seen = augmentForD(s, real);
    const at::Tensor fake_seen = augmentForD(s, fake);
    at::Tensor real_logits, fake_logits, d_loss, penalty;
    {
      AutocastScope amp(s.config.precision, s.device);
      real_logits = s.d->forwardWithClasses(real_seen, classes).to(at::kFloat);
      fake_logits = s.d->forwardWithClasses(fake_seen, classes).to(at::kFloat);
      d_loss = discriminatorLoss(o.loss, real_logits, fake_logits);
      if (o.loss == LossKind::WganGp)
        penalty = gradientPenalty(*s.d, real_seen, fake_seen, c10::nullopt, classes, s.shard) * o.gp_weight;
      const int interval = std::max(1, o.r1_interval);
      if (o.r1_gamma > 0 && s.d_steps_done % interval == 0) {
        // Lazy R1: every `interval` steps, scaled by the interval so the average strength is unchanged.
        const at::Tensor r1 = r1Penalty(*s.d, real_seen, classes) * (o.r1_gamma / 2.0);
        penalty = penalty.defined() ? penalty + r1 * interval : r1 * interval;
      }
    }
    sign_sum += real_logits.detach().sign().sum().item<double>();
    sign_count += real_logits.numel();
    at::Tensor total = d_loss;
    if (penalty.defined()) total = total + penalty;
    clearGrads(*s.d);
    total.backward();
    st.sync_seconds += syncGradients(s, *s.d);
    st.d_grad_norm = gradNorm(*s.d);
    s.opt_d->step();
    ++s.d_steps_done;

    d_loss_sum += d_loss.item<double>();
    d_real_sum += meanDiscriminatorOutput(o.loss, real_logits);
    d_fake_sum += meanDiscriminatorOutput(o.loss, fake_logits);
    if (penalty.defined()) {
      penalty_sum += penalty.item<double>();
      ++penalty_count;
    }
    s.images_seen += batch;
  }

  // Generator step; D's weights need no gradients here.
  setRequiresGrad(*s.d, false);
  at::Tensor fake = kept_fake, g_classes = kept_classes, g_loss;
  if (!fake.defined()) {
    const at::Tensor z = drawLatents(s, batch);
    g_classes = drawClasses(s, batch);
    AutocastScope amp(s.config.precision, s.device);
    fake = s.g->forwardWithClasses(z, g_classes).to(at::kFloat);
  }
  const at::Tensor fake_seen = augmentForD(s, fake);
  {
    AutocastScope amp(s.config.precision, s.device);
    g_loss = generatorLoss(o.loss, s.d->forwardWithClasses(fake_seen, g_classes).to(at::kFloat));
  }
  clearGrads(*s.g);
  g_loss.backward();
  setRequiresGrad(*s.d, true);
  st.sync_seconds += syncGradients(s, *s.g);
  st.g_grad_norm = gradNorm(*s.g);
  s.opt_g->step();
  updateEma(*s.g_ema, *s.g, emaBeta(s.config.batch, o.ema_kimg, o.ema_rampup, s.images_seen), o.ema_norm);
  ++s.step;

  // The step's numbers over the global batch: each rank's means averaged (equal shards), ADA's signs summed.
  std::vector<double> sums{d_loss_sum, d_real_sum, d_fake_sum, penalty_sum, g_loss.item<double>(), sign_sum,
                           static_cast<double>(sign_count)};
  sumOverRanks(s, sums);
  const double world = s.shard.world;
  d_loss_sum = sums[0] / world;
  d_real_sum = sums[1] / world;
  d_fake_sum = sums[2] / world;
  penalty_sum = sums[3] / world;
  // Between lazy R1 steps the last computed penalty is shown, so the curve doesn't drop to zero.
  if (penalty_count > 0) s.last_penalty = penalty_sum / penalty_count;
  s.ada.observeSigns(sums[5], static_cast<int64_t>(sums[6]));
  s.ada.afterStep(s.step);

  st.step = s.step;
  st.augmenting = s.ada.augmenting();
  st.augment_p = s.ada.p();
  st.ada_rt = s.ada.rt();
  st.images_seen = s.images_seen;
  st.g_loss = sums[4] / world;
  st.d_loss = d_loss_sum / d_steps;
  st.penalty = (o.r1_gamma > 0 || o.loss == LossKind::WganGp) ? s.last_penalty : 0.0;
  st.d_real = d_real_sum / d_steps;
  st.d_fake = d_fake_sum / d_steps;
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  st.images_per_second = st.seconds > 0 ? static_cast<double>(batch) / st.seconds : 0.0;
  return st;
}

int64_t Trainer::stepCount() const { return s_->step; }
const TrainConfig& Trainer::config() const { return s_->config; }
c10::Device Trainer::device() const { return s_->device; }

void Trainer::averageStatistics() {
  if (!s_->dist) return;
  averageBuffers(*s_->dist, *s_->g);
  averageBuffers(*s_->dist, *s_->d);
  averageBuffers(*s_->dist, *s_->g_ema);
}

at::Tensor Trainer::fixedLatents() const {
  const int64_t cols = s_->config.grid_size;
  const int64_t rows = s_->config.model.num_classes > 0 ? s_->config.model.num_classes : cols;
  at::Generator gen = at::detail::createCPUGenerator(deriveSeed(s_->config.seed, 2));
  return at::randn({rows * cols, s_->config.model.latent_dim}, gen, at::TensorOptions(at::kFloat));
}

at::Tensor Trainer::fixedClasses() const {
  const int64_t k = s_->config.model.num_classes;
  if (k <= 0) return {};
  return at::arange(k, at::TensorOptions(at::kLong)).repeat_interleave(s_->config.grid_size);
}

at::Tensor Trainer::sample(const at::Tensor& z, bool use_ema) { return sample(z, at::Tensor(), use_ema); }

at::Tensor Trainer::sample(const at::Tensor& z, const at::Tensor& classes, bool use_ema) {
  TORCH_CHECK(z.dim() == 2 && z.size(1) == s_->config.model.latent_dim, "sample: z must be [N, ",
              s_->config.model.latent_dim, "], got ", z.sizes());
  if (use_ema) refreshEmaNorm(*s_);
  GeneratorNet& net = use_ema ? *s_->g_ema : *s_->g;
  torch::NoGradGuard no_grad;
  const bool was_training = net.is_training();
  net.eval();  // BatchNorm uses its running statistics, so a sample doesn't depend on the rest of the batch
  at::Tensor out;
  try {
    const at::Tensor y = classes.defined() ? classes.to(s_->device) : at::Tensor();
    out = net.forwardWithClasses(z.to(s_->device, at::kFloat), y).to(at::kCPU);
  } catch (...) {
    net.train(was_training);
    throw;
  }
  net.train(was_training);
  return out;
}

void Trainer::scaleLearningRates(double factor) {
  TORCH_CHECK(factor > 0, "scaleLearningRates: factor must be positive, got ", factor);
  s_->config.optim.lr_g *= factor;
  s_->config.optim.lr_d *= factor;
  applyOptimConfig(*s_);
}

std::string Trainer::nonFiniteWeights() const {
  std::string out;
  auto check = [&out](const torch::nn::Module& m, const char* name) {
    if (!weightsFinite(m)) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  check(*s_->g, "G weights");
  check(*s_->d, "D weights");
  check(*s_->g_ema, "EMA generator weights");
  return out;
}

std::shared_ptr<GeneratorNet> Trainer::generator() { return s_->g; }
std::shared_ptr<GeneratorNet> Trainer::emaGenerator() {
  refreshEmaNorm(*s_);
  return s_->g_ema;
}
std::shared_ptr<DiscriminatorNet> Trainer::discriminator() { return s_->d; }

}  // namespace gs

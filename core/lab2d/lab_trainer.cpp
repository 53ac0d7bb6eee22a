#include "lab2d/lab_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/optim/adam.h>

#include <algorithm>
#include <cmath>

#include "lab2d/mlp_nets.h"
#include "training/losses.h"
#include "util/seeded_stream.h"

namespace gs {

namespace {

enum Stream : uint64_t { kWeights = 10, kTrain = 11, kEval = 12, kRealEval = 13 };

torch::optim::Adam makeAdam(torch::nn::Module& m, double lr, const Lab2dConfig& c) {
  return torch::optim::Adam(m.parameters(), torch::optim::AdamOptions(lr).betas(std::make_tuple(c.beta1, c.beta2)));
}

void setRequiresGrad(torch::nn::Module& m, bool on) {
  for (auto& p : m.parameters()) p.requires_grad_(on);
}

double gradNorm(torch::nn::Module& m) {
  double sq = 0;
  for (const auto& p : m.parameters())
    if (p.grad().defined()) sq += p.grad().pow(2).sum().item<double>();
  return std::sqrt(sq);
}

bool isLogistic(LossKind k) { return k == LossKind::Minimax || k == LossKind::NonSaturating; }

}  // namespace

struct Lab2dTrainer::State {
  at::Generator train_rng;
  at::Generator eval_rng;
  std::shared_ptr<MlpGenerator> g;
  std::shared_ptr<MlpGenerator> g_ema;  // null unless config.ema_half_life > 0
  std::shared_ptr<MlpDiscriminator> d;
  std::unique_ptr<torch::optim::Adam> opt_g;
  std::unique_ptr<torch::optim::Adam> opt_d;
  // The networks see data moved to the mixture's centroid and divided by its per-axis spread, so one learning
  // rate suits the ring (spread 0.7) and the grid (spread 2.8).
  at::Tensor centre;  // [1, 2]
  double scale = 1.0;
  at::Tensor real_eval;
  double real_diversity = 1.0;
  TrainingHealthMonitor monitor;
  int64_t step = 0;
  double g_loss = 0, d_loss = 0, d_real = 0, d_fake = 0, g_grad = 0;

  at::Tensor toNet(const at::Tensor& x) const { return (x - centre) / scale; }
  at::Tensor fromNet(const at::Tensor& x) const { return x * scale + centre; }
};

Lab2dTrainer::Lab2dTrainer(const Lab2dConfig& config, PointMixture mixture, HealthOptions health)
    : config_(config), mixture_(std::move(mixture)), s_(std::make_unique<State>()) {
  validate(config_);
  State& s = *s_;
  const Lab2dConfig& c = config_;
  if (c.health_warmup > health.warmup_steps) health.warmup_steps = c.health_warmup;
  // After the warm-up a healthy lab G covers the data (diversity near 1 on every seed of bench_lab2d), so a G
  // still below half the collapse threshold is collapsed even while it creeps outwards (a beaten G does: the
  // minimax run with a strong D in lab_health_test.cpp climbs 10% per measurement at a ratio of 0.1-0.2).
  if (health.collapse_recovering_floor <= 0) health.collapse_recovering_floor = health.collapse_diversity / 2;
  s.monitor = TrainingHealthMonitor(health);

  at::Generator weights = at::detail::createCPUGenerator(deriveSeed(c.seed, kWeights));
  s.train_rng = at::detail::createCPUGenerator(deriveSeed(c.seed, kTrain));
  s.eval_rng = at::detail::createCPUGenerator(deriveSeed(c.seed, kEval));
  s.g = std::make_shared<MlpGenerator>(c.latent_dim, c.g, weights);
  s.d = std::make_shared<MlpDiscriminator>(c.pack, c.d, weights);
  if (c.ema_half_life > 0) {
    s.g_ema = std::make_shared<MlpGenerator>(c.latent_dim, c.g, weights);
    torch::NoGradGuard no_grad;
    const auto src = s.g->parameters();
    const auto dst = s.g_ema->parameters();
    for (size_t i = 0; i < src.size(); ++i) dst[i].copy_(src[i]);
  }
  s.opt_g = std::make_unique<torch::optim::Adam>(makeAdam(*s.g, c.lr_g, c));
  s.opt_d = std::make_unique<torch::optim::Adam>(makeAdam(*s.d, c.lr_d, c));

  const at::Tensor centres = mixture_.centreTensor();
  s.centre = centres.mean(0, /*keepdim=*/true);
  const double spread = (centres - s.centre).pow(2).mean().item<double>() + mixture_.sigma * mixture_.sigma;
  s.scale = std::max(1e-3, std::sqrt(spread));

  at::Generator real_rng = at::detail::createCPUGenerator(deriveSeed(c.seed, kRealEval));
  s.real_eval = mixture_.sample(c.diversity_samples, real_rng);
  s.real_diversity = std::max(1e-12, meanPairwiseDistance(s.real_eval));
}

Lab2dTrainer::~Lab2dTrainer() = default;

int64_t Lab2dTrainer::train(int64_t n) {
  State& s = *s_;
  const Lab2dConfig& c = config_;
  // Grad mode is thread-local: a UI worker thread may arrive here with any setting.
  torch::AutoGradMode grad_mode(true);
  const int64_t todo = std::max<int64_t>(0, std::min(n, c.steps - s.step));
  const auto pack = [&c](const at::Tensor& x) { return x.reshape({-1, 2 * c.pack}); };
  const auto latents = [&] { return at::randn({c.batch, c.latent_dim}, s.train_rng, at::kFloat); };
  for (int64_t i = 0; i < todo; ++i) {
    applyLearningRates();
    for (int k = 0; k < c.d_steps; ++k) {
      const at::Tensor real = pack(s.toNet(mixture_.sample(c.batch, s.train_rng)));
      at::Tensor fake;
      {
        torch::NoGradGuard no_grad;
        fake = pack(s.g->forward(latents()));
      }
      const at::Tensor real_logits = s.d->forward(real);
      const at::Tensor fake_logits = s.d->forward(fake);
      at::Tensor d_loss = discriminatorLoss(c.loss, real_logits, fake_logits);
      s.d_loss = d_loss.item<double>();
      if (c.loss == LossKind::WganGp) d_loss = d_loss + c.gp_weight * gradientPenalty(*s.d, real, fake, s.train_rng);
      if (c.r1_gamma > 0) d_loss = d_loss + 0.5 * c.r1_gamma * r1Penalty(*s.d, real);
      s.opt_d->zero_grad();
      d_loss.backward();
      s.opt_d->step();
      s.d_real = meanDiscriminatorOutput(c.loss, real_logits);
      s.d_fake = meanDiscriminatorOutput(c.loss, fake_logits);
    }
    // Generator step; D needs no parameter gradients here.
    setRequiresGrad(*s.d, false);
    const at::Tensor g_loss = generatorLoss(c.loss, s.d->forward(pack(s.g->forward(latents()))));
    s.opt_g->zero_grad();
    g_loss.backward();
    setRequiresGrad(*s.d, true);
    s.g_grad = gradNorm(*s.g);
    s.opt_g->step();
    s.g_loss = g_loss.item<double>();
    updateAverage();
    ++s.step;
  }
  return todo;
}

at::Tensor Lab2dTrainer::generate(int64_t n) {
  State& s = *s_;
  torch::NoGradGuard no_grad;
  const at::Tensor z = at::randn({n, config_.latent_dim}, s.eval_rng, at::kFloat);
  return s.fromNet((s.g_ema ? s.g_ema : s.g)->forward(z));
}

Lab2dMeasures Lab2dTrainer::measure() {
  State& s = *s_;
  const Lab2dConfig& c = config_;
  Lab2dMeasures m;
  m.step = s.step;
  const at::Tensor fake = generate(c.eval_samples);
  m.coverage = measureModes(fake, mixture_);
  m.mode_excess = modeExcess(m.coverage);
  m.diversity_ratio = meanPairwiseDistance(fake.narrow(0, 0, c.diversity_samples)) / s.real_diversity;
  m.g_loss = s.g_loss;
  m.d_loss = s.d_loss;
  m.d_real = s.d_real;
  m.d_fake = s.d_fake;

  HealthSample h;
  h.step = s.step;
  h.g_loss = s.g_loss;
  h.d_loss = s.d_loss;
  h.d_real = s.d_real;
  h.d_fake = s.d_fake;
  h.logistic = isLogistic(c.loss);
  h.g_grad_norm = s.g_grad;
  h.diversity_ratio = m.diversity_ratio;
  h.duplicate_fraction = m.mode_excess;
  if (!std::isfinite(s.g_loss) || !std::isfinite(s.d_loss) || !fake.isfinite().all().item<bool>()) {
    h.non_finite = true;
    h.non_finite_what = !std::isfinite(s.g_loss) ? "g_loss" : !std::isfinite(s.d_loss) ? "d_loss" : "G's points";
  }
  m.raised = s.monitor.observe(h);
  for (const Alarm& a : s.monitor.active())
    if (a.kind == AlarmKind::ModeCollapse) m.collapse_alarm = true;
  return m;
}

Field2d Lab2dTrainer::decisionSurface(double extent, int cells) {
  State& s = *s_;
  torch::NoGradGuard no_grad;
  const at::Tensor points = s.toNet(fieldCellCentres(extent, cells)).repeat({1, config_.pack});
  at::Tensor out = s.d->forward(points);
  if (isLogistic(config_.loss)) out = at::sigmoid(out);
  out = out.contiguous();
  Field2d f;
  f.extent = extent;
  f.cells = cells;
  f.values.assign(out.data_ptr<float>(), out.data_ptr<float>() + out.numel());
  return f;
}

void Lab2dTrainer::applyLearningRates() {
  const Lab2dConfig& c = config_;
  const double start = c.decay_from * double(c.steps);
  const double left = double(c.steps) - start;
  const double factor = (left <= 0 || s_->step < start) ? 1.0 : std::max(0.0, (double(c.steps) - s_->step) / left);
  const auto apply = [factor](torch::optim::Adam& opt, double lr) {
    for (auto& group : opt.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr * factor);
  };
  apply(*s_->opt_g, c.lr_g);
  apply(*s_->opt_d, c.lr_d);
}

void Lab2dTrainer::updateAverage() {
  if (!s_->g_ema) return;
  torch::NoGradGuard no_grad;
  const double keep = std::pow(0.5, 1.0 / config_.ema_half_life);
  const auto src = s_->g->parameters();
  const auto dst = s_->g_ema->parameters();
  for (size_t i = 0; i < src.size(); ++i) dst[i].lerp_(src[i], 1.0 - keep);
}

const at::Tensor& Lab2dTrainer::realPoints() const { return s_->real_eval; }
int64_t Lab2dTrainer::step() const { return s_->step; }
const TrainingHealthMonitor& Lab2dTrainer::health() const { return s_->monitor; }

Lab2dMeasures runLab2d(Lab2dTrainer& trainer, const std::function<void(const Lab2dMeasures&)>& on_measure,
                       const std::function<bool()>& should_stop) {
  Lab2dMeasures last;
  bool measured = false;
  while (!trainer.done() && !(should_stop && should_stop())) {
    trainer.train(trainer.config().measure_every);
    last = trainer.measure();
    measured = true;
    if (on_measure) on_measure(last);
  }
  if (!measured) last = trainer.measure();
  return last;
}

}  // namespace gs

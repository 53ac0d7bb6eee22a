#include "training/cyclegan_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <cmath>
#include <mutex>

#include "data/batch_loader.h"
#include "data/unpaired_dataset.h"
#include "models/patch_discriminator.h"
#include "training/archive_io.h"
#include "training/global_rng_scope.h"
#include "training/image_pool.h"
#include "training/losses.h"
#include "training/module_grads.h"
#include "training/translation_checkpoint.h"
#include "training/translation_state.h"
#include "util/device.h"
#include "util/error.h"
#include "util/seeded_stream.h"

namespace gs {

// The fingerprint is of both domains; the RNG states carry the pools' draws between steps.
struct CycleGanTrainer::State : TranslationState {
  ResnetGenerator g_ab{nullptr}, g_ba{nullptr};
  PatchDiscriminator d_a{nullptr}, d_b{nullptr};
  std::unique_ptr<torch::optim::Adam> opt_g, opt_d;
  std::unique_ptr<BatchLoader> loader_a, loader_b;
  std::unique_ptr<ImagePool> pool_a, pool_b;  // generated A images (for D_A), generated B images (for D_B)
};

namespace {

std::vector<at::Tensor> joinParameters(torch::nn::Module& a, torch::nn::Module& b) {
  std::vector<at::Tensor> out = a.parameters();
  for (const at::Tensor& p : b.parameters()) out.push_back(p);
  return out;
}

double jointGradNorm(torch::nn::Module& a, torch::nn::Module& b) { return std::hypot(gradNorm(a), gradNorm(b)); }

}  // namespace

CycleGanTrainer::CycleGanTrainer(TrainConfig config, const UnpairedDataset& train) : s_(std::make_unique<State>()) {
  State& s = *s_;
  if (config.model.kind != ModelKind::CycleGan)
    throw GanscopeError("the CycleGAN trainer got a " + toString(config.model.kind) + " config");
  if (!train.a || !train.b || train.a->size() == 0 || train.b->size() == 0)
    throw GanscopeError("CycleGAN training needs images in both domains");
  if (train.a->resolution() != config.data.resolution || train.b->resolution() != config.data.resolution)
    throw GanscopeError("the domains of " + train.summary.source + " are not " +
                        std::to_string(config.data.resolution) + " px as the config asks");
  if (train.a->channels() != train.b->channels())
    throw GanscopeError("CycleGAN's domains must have the same channels (A has " +
                        std::to_string(train.a->channels()) + ", B " + std::to_string(train.b->channels()) + ")");
  s.begin(std::move(config), int(train.a->channels()), int(train.b->channels()), train.fingerprint());
  const ModelConfig& m = s.config.model;
  s.g_ab = ResnetGenerator(m, m.input_channels, m.channels);
  s.g_ba = ResnetGenerator(m, m.channels, m.input_channels);
  s.d_a = PatchDiscriminator(m.input_channels, m, PatchNorm::Instance);
  s.d_b = PatchDiscriminator(m.channels, m, PatchNorm::Instance);
  for (torch::nn::Module* net : std::initializer_list<torch::nn::Module*>{s.g_ab.get(), s.g_ba.get(), s.d_a.get(),
                                                                          s.d_b.get()})
    net->to(s.device);
  s.keepRngStates();
  const TrainConfig& c = s.config;
  const OptimConfig& o = c.optim;
  s.opt_g = makeAdam(joinParameters(*s.g_ab, *s.g_ba), o.lr_g, o);
  s.opt_d = makeAdam(joinParameters(*s.d_a, *s.d_b), o.lr_d, o);
  s.loader_a = std::make_unique<BatchLoader>(train.a, c.batch, deriveSeed(c.seed, 0), c.data.hflip);
  s.loader_b = std::make_unique<BatchLoader>(train.b, c.batch, deriveSeed(c.seed, 1), c.data.hflip);
  s.pool_a = std::make_unique<ImagePool>(o.pool_size);
  s.pool_b = std::make_unique<ImagePool>(o.pool_size);
}

CycleGanTrainer::~CycleGanTrainer() = default;

StepStats CycleGanTrainer::step() {
  State& s = *s_;
  const auto t0 = std::chrono::steady_clock::now();
  GlobalRngScope rng(s.cpu_rng_state, s.cuda_rng_state, s.device);
  const OptimConfig& o = s.config.optim;
  const at::Tensor a = s.loader_a->next().to(s.device), b = s.loader_b->next().to(s.device);

  // G and F: fool both discriminators, come back round the cycle, and leave images of their target domain alone.
  setRequiresGrad(*s.d_a, false);
  setRequiresGrad(*s.d_b, false);
  const at::Tensor fake_b = s.g_ab->forward(a), fake_a = s.g_ba->forward(b);
  const at::Tensor adv = generatorLoss(o.loss, s.d_b->score(fake_b)) + generatorLoss(o.loss, s.d_a->score(fake_a));
  const at::Tensor cycle = (s.g_ba->forward(fake_b) - a).abs().mean() + (s.g_ab->forward(fake_a) - b).abs().mean();
  at::Tensor identity = at::zeros({}, a.options());
  if (o.identity_weight > 0)
    identity = (s.g_ab->forward(b) - b).abs().mean() + (s.g_ba->forward(a) - a).abs().mean();
  const at::Tensor g_total =
      adv + cycle * o.cycle_weight + identity * (o.cycle_weight * o.identity_weight);
  clearGrads(*s.g_ab);
  clearGrads(*s.g_ba);
  g_total.backward();
  setRequiresGrad(*s.d_a, true);
  setRequiresGrad(*s.d_b, true);
  StepStats st;
  st.g_grad_norm = jointGradNorm(*s.g_ab, *s.g_ba);
  s.opt_g->step();

  // D_A and D_B: their domain's real images against fakes from the pools; halved as in the paper.
  const at::Tensor pooled_b = s.pool_b->query(fake_b.detach()), pooled_a = s.pool_a->query(fake_a.detach());
  const at::Tensor real_a_scores = s.d_a->score(a), real_b_scores = s.d_b->score(b);
  const at::Tensor fake_a_scores = s.d_a->score(pooled_a), fake_b_scores = s.d_b->score(pooled_b);
  const at::Tensor d_loss =
      (discriminatorLoss(o.loss, real_a_scores, fake_a_scores) + discriminatorLoss(o.loss, real_b_scores, fake_b_scores)) *
      0.5;
  clearGrads(*s.d_a);
  clearGrads(*s.d_b);
  d_loss.backward();
  st.d_grad_norm = jointGradNorm(*s.d_a, *s.d_b);
  s.opt_d->step();
  ++s.step;
  s.images_seen += s.config.batch;

  st.step = s.step;
  st.images_seen = s.images_seen;
  st.g_loss = adv.item<double>() / 2;     // mean of the two generators' adversarial terms
  st.d_loss = d_loss.item<double>() / 2;  // mean of the two discriminators' (halved) losses
  st.d_real = (meanDiscriminatorOutput(o.loss, real_a_scores) + meanDiscriminatorOutput(o.loss, real_b_scores)) / 2;
  st.d_fake = (meanDiscriminatorOutput(o.loss, fake_a_scores) + meanDiscriminatorOutput(o.loss, fake_b_scores)) / 2;
  st.has_cycle = true;
  st.cycle = cycle.item<double>() / 2;
  st.identity = identity.item<double>() / 2;
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  st.images_per_second = st.seconds > 0 ? s.config.batch / st.seconds : 0.0;
  return st;
}

int64_t CycleGanTrainer::stepCount() const { return s_->step; }
const TrainConfig& CycleGanTrainer::config() const { return s_->config; }
ResnetGenerator CycleGanTrainer::generator(bool reverse) { return reverse ? s_->g_ba : s_->g_ab; }
int64_t CycleGanTrainer::poolSize(bool domain_a) const { return (domain_a ? s_->pool_a : s_->pool_b)->size(); }

at::Tensor CycleGanTrainer::translate(const at::Tensor& x, bool reverse) {
  torch::NoGradGuard no_grad;  // InstanceNorm keeps no statistics: train and eval modes compute the same
  return (reverse ? s_->g_ba : s_->g_ab)->forward(x.to(s_->device, at::kFloat)).to(at::kCPU);
}

void CycleGanTrainer::scaleLearningRates(double factor) {
  scaleAdamRates(s_->config.optim, *s_->opt_g, *s_->opt_d, factor);
}

std::string CycleGanTrainer::nonFiniteWeights() const {
  return nonFiniteNetworks({{s_->g_ab.get(), "G (A -> B) weights"},
                            {s_->g_ba.get(), "F (B -> A) weights"},
                            {s_->d_a.get(), "D_A weights"},
                            {s_->d_b.get(), "D_B weights"}});
}

void CycleGanTrainer::save(const std::string& path) const {
  const State& s = *s_;
  const BatchLoader::Position pos_a = s.loader_a->position(), pos_b = s.loader_b->position();
  torch::serialize::OutputArchive archive;
  writeModule(archive, "G_AB", *s.g_ab);
  writeModule(archive, "G_BA", *s.g_ba);
  writeModule(archive, "D_A", *s.d_a);
  writeModule(archive, "D_B", *s.d_b);
  writeOptimizer(archive, "opt_G", *s.opt_g);
  writeOptimizer(archive, "opt_D", *s.opt_d);
  archive.write("pool_A", s.pool_a->contents().cpu());
  archive.write("pool_B", s.pool_b->contents().cpu());
  archive.write("loader_B", at::tensor(std::vector<int64_t>{pos_b.epoch, pos_b.index}));
  archive.write("rng_cpu", s.cpu_rng_state);
  if (s.cuda_rng_state.defined()) archive.write("rng_cuda", s.cuda_rng_state);
  writeCheckpointFile(path,
                      translationHeader(s.config, s.step, s.images_seen, s.fingerprint, pos_a.epoch, pos_a.index),
                      archiveToBytes(archive));
}

void CycleGanTrainer::load(const std::string& path) {
  State& s = *s_;
  BatchLoader::Position pos_b;
  const CheckpointHeader h =
      readTranslationCheckpoint(path, s.config, s.fingerprint, s.device, [&](torch::serialize::InputArchive& in) {
        readInto(in, "G_AB", *s.g_ab);
        readInto(in, "G_BA", *s.g_ba);
        readInto(in, "D_A", *s.d_a);
        readInto(in, "D_B", *s.d_b);
        readInto(in, "opt_G", *s.opt_g);
        readInto(in, "opt_D", *s.opt_d);
        s.pool_a->restore(readTensor(in, "pool_A").to(s.device));
        s.pool_b->restore(readTensor(in, "pool_B").to(s.device));
        const at::Tensor loader_b = readTensor(in, "loader_B").cpu();
        TORCH_CHECK(loader_b.numel() == 2, "loader_B must hold an epoch and an index");
        pos_b = {loader_b[0].item<int64_t>(), loader_b[1].item<int64_t>()};
        s.cpu_rng_state = readTensor(in, "rng_cpu").cpu();
        at::Tensor cuda_state;
        if (s.device.is_cuda() && in.try_read("rng_cuda", cuda_state)) s.cuda_rng_state = cuda_state.cpu();
      });
  setAdamRates(*s.opt_g, s.config.optim.lr_g, s.config.optim);
  setAdamRates(*s.opt_d, s.config.optim.lr_d, s.config.optim);
  s.loader_a->seek(BatchLoader::Position{h.loader_epoch, h.loader_index});
  s.loader_b->seek(pos_b);
  s.step = h.step;
  s.images_seen = h.images_seen;
}

}  // namespace gs

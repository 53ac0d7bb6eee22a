#include "training/pix2pix_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/util/Exception.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <cmath>
#include <mutex>

#include "data/paired_batch_loader.h"
#include "data/paired_dataset.h"
#include "models/patch_discriminator.h"
#include "training/archive_io.h"
#include "training/checkpoint.h"
#include "training/translation_checkpoint.h"
#include "training/translation_state.h"
#include "training/global_rng_scope.h"
#include "training/losses.h"
#include "training/module_grads.h"
#include "util/device.h"
#include "util/error.h"
#include "util/seeded_stream.h"

namespace gs {

// The fingerprint is of the training pairs; the RNG states carry dropout's draws between steps.
struct Pix2PixTrainer::State : TranslationState {
  UNetGenerator g{nullptr};
  PatchDiscriminator d{nullptr};
  std::unique_ptr<torch::optim::Adam> opt_g, opt_d;
  std::unique_ptr<PairedBatchLoader> loader;
};


Pix2PixTrainer::Pix2PixTrainer(TrainConfig config, const PairedDataset& train) : s_(std::make_unique<State>()) {
  State& s = *s_;
  if (config.model.kind != ModelKind::Pix2Pix)
    throw GanscopeError("the pix2pix trainer got a " + toString(config.model.kind) + " config");
  if (train.size() == 0) throw GanscopeError("training needs at least one image pair");
  if (train.a->resolution() != config.data.resolution)
    throw GanscopeError("pairs of " + train.summary.source + " are " + std::to_string(train.a->resolution()) +
                        " px but the config asks for " + std::to_string(config.data.resolution));
  s.begin(std::move(config), int(train.a->channels()), int(train.b->channels()), train.fingerprint());
  s.g = UNetGenerator(s.config.model);
  s.d = PatchDiscriminator(s.config.model);
  s.g->to(s.device);
  s.d->to(s.device);
  s.keepRngStates();
  const TrainConfig& c = s.config;
  s.opt_g = makeAdam(s.g->parameters(), c.optim.lr_g, c.optim);
  s.opt_d = makeAdam(s.d->parameters(), c.optim.lr_d, c.optim);
  s.loader = std::make_unique<PairedBatchLoader>(train, c.batch, deriveSeed(c.seed, 0), c.data.hflip);
}

Pix2PixTrainer::~Pix2PixTrainer() = default;

StepStats Pix2PixTrainer::step() {
  State& s = *s_;
  const auto t0 = std::chrono::steady_clock::now();
  GlobalRngScope rng(s.cpu_rng_state, s.cuda_rng_state, s.device);
  const OptimConfig& o = s.config.optim;
  const PairedBatchLoader::Batch batch = s.loader->next();
  const at::Tensor a = batch.a.to(s.device), b = batch.b.to(s.device);
  const at::Tensor fake = s.g->forward(a);

  // D: real pairs (A, B) against (A, G(A)); halved as in the paper so D learns more slowly than G.
  const at::Tensor real_logits = s.d->forward(a, b);
  const at::Tensor fake_logits = s.d->forward(a, fake.detach());
  const at::Tensor d_loss = discriminatorLoss(o.loss, real_logits, fake_logits) * 0.5;
  clearGrads(*s.d);
  d_loss.backward();
  StepStats st;
  st.d_grad_norm = gradNorm(*s.d);
  s.opt_d->step();

  // G: fool D on the same pairs, and stay close to B in L1.
  setRequiresGrad(*s.d, false);
  const at::Tensor g_adv = generatorLoss(o.loss, s.d->forward(a, fake));
  const at::Tensor l1 = (fake - b).abs().mean();
  const at::Tensor g_total = g_adv + l1 * o.l1_weight;
  clearGrads(*s.g);
  g_total.backward();
  setRequiresGrad(*s.d, true);
  st.g_grad_norm = gradNorm(*s.g);
  s.opt_g->step();
  ++s.step;
  s.images_seen += s.config.batch;

  st.step = s.step;
  st.images_seen = s.images_seen;
  st.g_loss = g_adv.item<double>();
  st.d_loss = d_loss.item<double>();
  st.d_real = meanDiscriminatorOutput(o.loss, real_logits);
  st.d_fake = meanDiscriminatorOutput(o.loss, fake_logits);
  st.has_l1 = true;
  st.l1 = l1.item<double>();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  st.images_per_second = st.seconds > 0 ? s.config.batch / st.seconds : 0.0;
  return st;
}

int64_t Pix2PixTrainer::stepCount() const { return s_->step; }
const TrainConfig& Pix2PixTrainer::config() const { return s_->config; }
UNetGenerator Pix2PixTrainer::generator() { return s_->g; }

at::Tensor Pix2PixTrainer::translate(const at::Tensor& a, bool reverse) {
  if (reverse) throw GanscopeError("a pix2pix model translates one way only (A -> B as trained)");
  torch::NoGradGuard no_grad;
  const bool was_training = s_->g->is_training();
  s_->g->eval();
  at::Tensor out;
  try {
    out = s_->g->forward(a.to(s_->device, at::kFloat)).to(at::kCPU);
  } catch (...) {
    s_->g->train(was_training);
    throw;
  }
  s_->g->train(was_training);
  return out;
}

void Pix2PixTrainer::scaleLearningRates(double factor) {
  scaleAdamRates(s_->config.optim, *s_->opt_g, *s_->opt_d, factor);
}

std::string Pix2PixTrainer::nonFiniteWeights() const {
  return nonFiniteNetworks({{s_->g.get(), "G weights"}, {s_->d.get(), "D weights"}});
}

void Pix2PixTrainer::save(const std::string& path) const {
  const State& s = *s_;
  const BatchLoader::Position pos = s.loader->position();
  torch::serialize::OutputArchive archive;
  writeModule(archive, "G", *s.g);
  writeModule(archive, "D", *s.d);
  writeOptimizer(archive, "opt_G", *s.opt_g);
  writeOptimizer(archive, "opt_D", *s.opt_d);
  archive.write("rng_cpu", s.cpu_rng_state);
  if (s.cuda_rng_state.defined()) archive.write("rng_cuda", s.cuda_rng_state);
  writeCheckpointFile(path, translationHeader(s.config, s.step, s.images_seen, s.fingerprint, pos.epoch, pos.index),
                      archiveToBytes(archive));
}

void Pix2PixTrainer::load(const std::string& path) {
  State& s = *s_;
  const CheckpointHeader h =
      readTranslationCheckpoint(path, s.config, s.fingerprint, s.device, [&s](torch::serialize::InputArchive& in) {
        readInto(in, "G", *s.g);
        readInto(in, "D", *s.d);
        readInto(in, "opt_G", *s.opt_g);
        readInto(in, "opt_D", *s.opt_d);
        s.cpu_rng_state = readTensor(in, "rng_cpu").cpu();
        at::Tensor cuda_state;
        if (s.device.is_cuda() && in.try_read("rng_cuda", cuda_state)) s.cuda_rng_state = cuda_state.cpu();
      });
  // The config's rates win (a rollback after NaN lowered them before saving).
  setAdamRates(*s.opt_g, s.config.optim.lr_g, s.config.optim);
  setAdamRates(*s.opt_d, s.config.optim.lr_d, s.config.optim);
  s.loader->seek(BatchLoader::Position{h.loader_epoch, h.loader_index});
  s.step = h.step;
  s.images_seen = h.images_seen;
}

}  // namespace gs

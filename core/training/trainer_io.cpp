// Trainer::save / Trainer::load: full checkpoints for exact resume (see checkpoint.h for the file format).
#include <c10/util/Exception.h>
#include <torch/serialize/archive.h>

#include <mutex>

#include "training/archive_io.h"
#include "training/checkpoint.h"
#include "training/trainer.h"
#include "training/trainer_state.h"
#include "util/error.h"

namespace gs {

void Trainer::save(const std::string& path) const {
  refreshEmaNorm(*s_);  // the saved EMA generator's statistics belong to its weights
  const State& s = *s_;
  CheckpointHeader header;
  header.kind = "full";
  header.config = s.config;
  header.step = s.step;
  header.images_seen = s.images_seen;
  header.fingerprint = s.data->fingerprint();
  const BatchLoader::Position pos = s.loader->position();
  header.loader_epoch = pos.epoch;
  header.loader_index = pos.index;
  header.d_steps_done = s.d_steps_done;
  header.last_penalty = s.last_penalty;
  const AdaState& ada = s.ada.state();
  header.ada_p = ada.p;
  header.ada_rt = ada.rt;
  header.ada_sign_sum = ada.sign_sum;
  header.ada_sign_count = ada.sign_count;
  header.created = utcTimestamp();
  header.program_version = GANSCOPE_VERSION;

  torch::serialize::OutputArchive archive;
  writeModule(archive, "G", *s.g);
  writeModule(archive, "D", *s.d);
  writeModule(archive, "G_ema", *s.g_ema);
  writeOptimizer(archive, "opt_G", *s.opt_g);
  writeOptimizer(archive, "opt_D", *s.opt_d);
  archive.write("rng_latent", s.latent_rng.get_state());
  archive.write("rng_cpu", s.cpu_rng_state);
  archive.write("rng_augment", s.augment_rng.get_state());
  if (s.cuda_rng_state.defined()) archive.write("rng_cuda", s.cuda_rng_state);
  writeCheckpointFile(path, header, archiveToBytes(archive));
}

void Trainer::load(const std::string& path) {
  State& s = *s_;
  const CheckpointFile file = readCheckpointFile(path);
  const CheckpointHeader& h = file.header;
  if (h.kind != "full")
    throw fileError(path, "is a generator-only file: it holds no discriminator or optimiser state, so training "
                          "cannot resume from it (open it in the explorer instead)");
  const std::string mismatch = architectureMismatch(h.config, s.config);
  if (!mismatch.empty()) throw fileError(path, "checkpoint does not fit this run's networks: " + mismatch);
  const std::string here = s.data->fingerprint();
  if (h.fingerprint != here)
    throw fileError(path, "checkpoint was trained on a different dataset (fingerprint " + h.fingerprint +
                              " in the checkpoint, " + here + " for the loaded images)");

  torch::serialize::InputArchive archive;
  archiveFromBytes(archive, file.blob, path, s.device.str());
  try {
    readInto(archive, "G", *s.g);
    readInto(archive, "D", *s.d);
    readInto(archive, "G_ema", *s.g_ema);
    readInto(archive, "opt_G", *s.opt_g);
    readInto(archive, "opt_D", *s.opt_d);
    // RNG states live on the CPU whatever the device.
    setGeneratorState(s.latent_rng, readTensor(archive, "rng_latent").cpu());
    s.cpu_rng_state = readTensor(archive, "rng_cpu").cpu();
    at::Tensor augment_state;  // absent from checkpoints written before augmentation: keep the seeded stream
    if (archive.try_read("rng_augment", augment_state)) setGeneratorState(s.augment_rng, augment_state.cpu());
    at::Tensor cuda_state;
    if (s.device.is_cuda() && archive.try_read("rng_cuda", cuda_state)) s.cuda_rng_state = cuda_state.cpu();
  } catch (const c10::Error& e) {
    throw fileError(path, std::string("checkpoint contents do not fit this run (") + e.what_without_backtrace() +
                              ")");
  } catch (const GanscopeError&) {
    throw;
  } catch (const std::exception& e) {
    throw fileError(path, std::string("checkpoint contents cannot be read (") + firstLine(e.what()) + ")");
  }
  for (auto& p : s.g_ema->parameters()) p.requires_grad_(false);
  applyOptimConfig(s);
  s.loader->seek(BatchLoader::Position{h.loader_epoch, h.loader_index});
  s.step = h.step;
  s.images_seen = h.images_seen;
  s.d_steps_done = h.d_steps_done;
  s.last_penalty = h.last_penalty;
  // A fixed p comes from the config (a remedy may have changed it); an adapted p and r_t continue.
  s.ada = AdaController(s.config.optim);
  AdaState ada = s.ada.state();
  if (s.config.optim.augment_p < 0) ada.p = h.ada_p;
  ada.rt = h.ada_rt;
  ada.sign_sum = h.ada_sign_sum;
  ada.sign_count = h.ada_sign_count;
  s.ada.restore(ada);
  s.ema_norm_step = -1;
}

}  // namespace gs

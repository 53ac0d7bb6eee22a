#include "training/translation_checkpoint.h"

#include <c10/util/Exception.h>

#include <exception>

#include "training/module_grads.h"
#include "util/error.h"

namespace gs {

CheckpointHeader translationHeader(const TrainConfig& config, int64_t step, int64_t images_seen,
                                   const std::string& fingerprint, int64_t loader_epoch, int64_t loader_index) {
  CheckpointHeader header;
  header.kind = "full";
  header.config = config;
  header.step = step;
  header.images_seen = images_seen;
  header.fingerprint = fingerprint;
  header.loader_epoch = loader_epoch;
  header.loader_index = loader_index;
  header.created = utcTimestamp();
  header.program_version = GANSCOPE_VERSION;
  return header;
}

CheckpointHeader readTranslationCheckpoint(const std::string& path, const TrainConfig& config,
                                           const std::string& fingerprint, c10::Device device,
                                           const std::function<void(torch::serialize::InputArchive&)>& read) {
  const CheckpointFile file = readCheckpointFile(path);
  const CheckpointHeader& h = file.header;
  if (h.kind != "full") throw fileError(path, "is a generator-only file: training cannot resume from it");
  const std::string mismatch = architectureMismatch(h.config, config);
  if (!mismatch.empty()) throw fileError(path, "checkpoint does not fit this run's networks: " + mismatch);
  if (h.fingerprint != fingerprint)
    throw fileError(path, "checkpoint was trained on other images (fingerprint " + h.fingerprint +
                              " in the checkpoint, " + fingerprint + " for the loaded data)");
  torch::serialize::InputArchive archive;
  archiveFromBytes(archive, file.blob, path, device.str());
  try {
    read(archive);
  } catch (const c10::Error& e) {
    throw fileError(path, std::string("checkpoint contents do not fit this run (") + e.what_without_backtrace() + ")");
  } catch (const GanscopeError&) {
    throw;
  } catch (const std::exception& e) {
    throw fileError(path, std::string("checkpoint contents cannot be read (") + firstLine(e.what()) + ")");
  }
  return h;
}

void setAdamRates(torch::optim::Adam& opt, double lr, const OptimConfig& o) {
  for (auto& group : opt.param_groups()) {
    auto& options = static_cast<torch::optim::AdamOptions&>(group.options());
    options.lr(lr);
    options.betas(std::make_tuple(o.beta1, o.beta2));
  }
}

void scaleAdamRates(OptimConfig& o, torch::optim::Adam& opt_g, torch::optim::Adam& opt_d, double factor) {
  TORCH_CHECK(factor > 0, "scaleLearningRates: factor must be positive, got ", factor);
  o.lr_g *= factor;
  o.lr_d *= factor;
  setAdamRates(opt_g, o.lr_g, o);
  setAdamRates(opt_d, o.lr_d, o);
}

std::string nonFiniteNetworks(std::initializer_list<std::pair<const torch::nn::Module*, const char*>> networks) {
  std::string out;
  for (const auto& [module, name] : networks)
    if (!weightsFinite(*module)) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

}  // namespace gs

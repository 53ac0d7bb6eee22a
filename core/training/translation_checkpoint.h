#pragma once
// The full checkpoints of the image-to-image trainers (pix2pix, CycleGAN): one header and one set of checks, each
// trainer writing and reading its own networks and state under its own archive keys.
#include <c10/core/Device.h>
#include <torch/optim/adam.h>
#include <torch/serialize/archive.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

#include "training/checkpoint.h"

namespace gs {

// A "full" header for a run at `step`, its data `fingerprint` and the loader position of its next batch.
CheckpointHeader translationHeader(const TrainConfig& config, int64_t step, int64_t images_seen,
                                   const std::string& fingerprint, int64_t loader_epoch, int64_t loader_index);

// Reads the full checkpoint `path` for a run of `config` on data `fingerprint`, then `read` fills the trainer
// from its archive (tensors on `device`). Throws GanscopeError naming the file for a generator-only file, other
// networks, other data, or contents that do not fit. Returns the header.
CheckpointHeader readTranslationCheckpoint(const std::string& path, const TrainConfig& config,
                                           const std::string& fingerprint, c10::Device device,
                                           const std::function<void(torch::serialize::InputArchive&)>& read);

// The config's learning rate and betas on every group of `opt` (a rollback after NaN lowers the rates).
void setAdamRates(torch::optim::Adam& opt, double lr, const OptimConfig& o);
// Multiplies o.lr_g and o.lr_d by `factor` (> 0) and applies them to the G and D optimisers.
void scaleAdamRates(OptimConfig& o, torch::optim::Adam& opt_g, torch::optim::Adam& opt_d, double factor);
// "G weights, D weights": the named networks with a non-finite weight; empty when all are finite.
std::string nonFiniteNetworks(std::initializer_list<std::pair<const torch::nn::Module*, const char*>> networks);

}  // namespace gs

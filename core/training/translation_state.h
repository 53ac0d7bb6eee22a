#pragma once
// What every image-to-image trainer (pix2pix, CycleGAN) holds and sets up the same way: the settled config, the
// data fingerprint, the device, the global RNG states kept between steps, the step counters; and the steps of
// their constructors that do not depend on the networks. Internal to core/training.
#include <ATen/ATen.h>
#include <c10/core/Device.h>
#include <torch/optim/adam.h>

#include <memory>
#include <string>
#include <vector>

#include "config.h"

namespace gs {

struct TranslationState {
  TrainConfig config;
  std::string fingerprint;  // of the training data
  c10::Device device{c10::kCPU};
  at::Tensor cpu_rng_state, cuda_rng_state;  // the global generators' states between steps
  int64_t step = 0;
  int64_t images_seen = 0;

  // Settles `config` for data of `input_channels` -> `channels` at its resolution (no augmentation; throws
  // GanscopeError when invalid), takes the threads and device, and seeds the CPU generator for the weights:
  // networks made next get the same weights on any device.
  void begin(TrainConfig config, int input_channels, int channels, std::string data_fingerprint);
  // After the networks are made and moved to the device: keeps the CPU generator's state and seeds the CUDA one.
  void keepRngStates();
};

// Adam over `parameters` at `lr` with the config's betas.
std::unique_ptr<torch::optim::Adam> makeAdam(std::vector<at::Tensor> parameters, double lr, const OptimConfig& o);

}  // namespace gs

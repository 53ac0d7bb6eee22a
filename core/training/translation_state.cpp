#include "training/translation_state.h"

#include "training/global_rng_scope.h"
#include "util/device.h"
#include "util/seeded_stream.h"

namespace gs {

void TranslationState::begin(TrainConfig c, int input_channels, int channels, std::string data_fingerprint) {
  c.model.input_channels = input_channels;
  c.model.channels = channels;
  c.model.resolution = c.data.resolution;
  if (c.optim.augment == AugmentKind::Auto) c.optim.augment = AugmentKind::None;
  validate(c);
  config = std::move(c);
  fingerprint = std::move(data_fingerprint);
  setCpuThreads(config.threads);
  device = selectDevice(config.device);
  GlobalRngScope::seed(c10::Device(c10::kCPU), config.seed);
}

void TranslationState::keepRngStates() {
  cpu_rng_state = GlobalRngScope::current(c10::Device(c10::kCPU));
  if (device.is_cuda()) {
    GlobalRngScope::seed(device, deriveSeed(config.seed, 3));
    cuda_rng_state = GlobalRngScope::current(device);
  }
}

std::unique_ptr<torch::optim::Adam> makeAdam(std::vector<at::Tensor> parameters, double lr, const OptimConfig& o) {
  return std::make_unique<torch::optim::Adam>(std::move(parameters),
                                              torch::optim::AdamOptions(lr).betas(std::make_tuple(o.beta1, o.beta2)));
}

}  // namespace gs

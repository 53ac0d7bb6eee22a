#pragma once
// Modules, optimisers and tensors into and out of the torch archive of a checkpoint, each under its own key.
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/optim/adam.h>
#include <torch/serialize/archive.h>

#include <mutex>

namespace gs {

inline void writeModule(torch::serialize::OutputArchive& archive, const char* key, const torch::nn::Module& m) {
  torch::serialize::OutputArchive sub;
  m.save(sub);
  archive.write(key, sub);
}

inline void writeOptimizer(torch::serialize::OutputArchive& archive, const char* key,
                           const torch::optim::Adam& opt) {
  torch::serialize::OutputArchive sub;
  opt.save(sub);
  archive.write(key, sub);
}

// A module or an optimiser.
template <typename T>
void readInto(torch::serialize::InputArchive& archive, const char* key, T& target) {
  torch::serialize::InputArchive sub;
  archive.read(key, sub);
  target.load(sub);
}

inline at::Tensor readTensor(torch::serialize::InputArchive& archive, const char* key) {
  at::Tensor t;
  archive.read(key, t);
  return t;
}

inline void setGeneratorState(at::Generator gen, const at::Tensor& state) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
}

}  // namespace gs

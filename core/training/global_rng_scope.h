#pragma once
// Swaps a trainer's own copy of the global RNG states (CPU, and CUDA when training there) in for the duration of
// one step and takes them back out afterwards: weight init, dropout, gradient-penalty interpolation and any other
// noise drawn from the global generators then depends on the run alone, so other users of the global RNG between
// steps can't change it, and a resumed run continues exactly.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

namespace gs {

class GlobalRngScope {
 public:
  GlobalRngScope(at::Tensor& cpu_state, at::Tensor& cuda_state, c10::Device device)
      : cpu_state_(cpu_state), cuda_state_(cuda_state), device_(device) {
    swapIn(at::detail::getDefaultCPUGenerator(), cpu_state_);
    if (device_.is_cuda()) swapIn(at::globalContext().defaultGenerator(device_), cuda_state_);
  }
  ~GlobalRngScope() {
    cpu_state_ = takeOut(at::detail::getDefaultCPUGenerator());
    if (device_.is_cuda()) cuda_state_ = takeOut(at::globalContext().defaultGenerator(device_));
  }
  GlobalRngScope(const GlobalRngScope&) = delete;
  GlobalRngScope& operator=(const GlobalRngScope&) = delete;

  // The global generator's state right now (for a constructor that seeded it and wants to keep its state).
  static at::Tensor current(c10::Device device) {
    return device.is_cuda() ? takeOut(at::globalContext().defaultGenerator(device))
                            : takeOut(at::detail::getDefaultCPUGenerator());
  }
  // Seeds the global generator of `device` (the CPU's for a CPU device).
  static void seed(c10::Device device, uint64_t seed) {
    at::Generator gen = device.is_cuda() ? at::globalContext().defaultGenerator(device)
                                         : at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(seed);
  }

 private:
  static void swapIn(at::Generator gen, const at::Tensor& state) {
    if (!state.defined()) return;
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(state);
  }
  static at::Tensor takeOut(at::Generator gen) {
    std::lock_guard<std::mutex> lock(gen.mutex());
    return gen.get_state();
  }
  at::Tensor& cpu_state_;
  at::Tensor& cuda_state_;
  c10::Device device_;
};

}  // namespace gs

#include "util/device.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <thread>

#include "util/error.h"

namespace gs {

c10::Device selectDevice(const std::string& preference) {
  const bool has_cuda = torch::cuda::is_available();
  if (preference == "cuda") {
    if (!has_cuda) throw GanscopeError("device cuda: this LibTorch has no CUDA or no GPU is visible; use --device cpu");
    return c10::Device(c10::kCUDA, 0);
  }
  if (preference == "cpu" || !has_cuda) return c10::Device(c10::kCPU);
  return c10::Device(c10::kCUDA, 0);
}

void setCpuThreads(int n) {
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(n);
  static bool interop_set = false;  // may only be set once per process
  if (!interop_set) {
    try {
      at::set_num_interop_threads(1);
    } catch (...) {
    }
    interop_set = true;
  }
}

std::string describeDevice(const c10::Device& device) {
  if (device.is_cuda()) return "CUDA:" + std::to_string(device.index());
  return "CPU (" + std::to_string(at::get_num_threads()) + " threads)";
}

}  // namespace gs

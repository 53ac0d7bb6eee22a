#pragma once
// Where tensors live and how many CPU threads LibTorch uses.
#include <c10/core/Device.h>

#include <string>

namespace gs {

// "auto": CUDA when this LibTorch has it and a GPU is visible, else CPU; "cuda" without CUDA is an error.
c10::Device selectDevice(const std::string& preference);
// n == 0: every core. Sets LibTorch's intra-op threads and one inter-op thread.
void setCpuThreads(int n);
// "CPU (2 threads)" or "CUDA: NVIDIA H100 ..." for status lines.
std::string describeDevice(const c10::Device& device);

}  // namespace gs

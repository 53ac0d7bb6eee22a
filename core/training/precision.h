#pragma once
// Mixed precision for the training step. Under Precision::Bf16 an AutocastScope runs the networks' forward passes
// with LibTorch's autocast in bfloat16 on the training device: convolutions and matrix products compute in bf16,
// the weights, their gradients and the Adam state stay fp32 (autocast casts a weight per use), and the losses are
// taken in fp32. bf16 has fp32's exponent range, so no loss scaling is needed.
#include <c10/core/Device.h>

#include <string>

#include "config.h"
#include "util/cpu_features.h"

namespace gs {

// Auto made concrete for training `model` on `device`: bf16 for DCGAN (conditional too) on a CPU with bf16
// instructions (AVX512-BF16 or AMX), where oneDNN's bf16 convolutions beat fp32 (measured on an AVX512-BF16 EPYC:
// 1.5x the fp32 step at 64 px, the same FID at the same steps; README "Mixed precision"); fp32 for the style-based
// generator (bf16 trains it 2x faster, but its quality has not been compared yet: ask for it), on other CPUs (bf16
// would be emulated) and on CUDA (ask for bf16 there). Fp32 and Bf16 are returned unchanged.
Precision resolvePrecision(Precision asked, ModelKind model, const c10::Device& device, const CpuBf16Support& cpu);
// Throws GanscopeError when `p` is Bf16 on a CPU without bf16 instructions (oneDNN's bf16 kernels need them; the
// error says to use fp32 or auto). Auto and Fp32 always pass; so does any precision on CUDA.
void requireSupported(Precision p, const c10::Device& device, const CpuBf16Support& cpu);
// "fp32", or "bf16 (AMX)" / "bf16 (AVX512-BF16)" / "bf16 (no bf16 instructions)" on a CPU, for a log line.
std::string describePrecision(Precision p, const c10::Device& device, const CpuBf16Support& cpu);

// While alive: autocast to bf16 on `device`'s type when `p` is Bf16 (nothing for Fp32). Restores the previous
// autocast state and drops autocast's cache of cast weights when it ends (the weights change every step).
class AutocastScope {
 public:
  AutocastScope(Precision p, const c10::Device& device);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool active_ = false;
  int type_ = 0;  // the device type (a c10::DeviceType)
  bool was_enabled_ = false;
  int dtype_ = 0;  // the previous autocast dtype (a c10::ScalarType)
};

}  // namespace gs

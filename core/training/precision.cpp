#include "training/precision.h"

#include <ATen/autocast_mode.h>

#include "util/autocast.h"
#include "util/error.h"

namespace gs {

Precision resolvePrecision(Precision asked, ModelKind model, const c10::Device& device, const CpuBf16Support& cpu) {
  if (asked != Precision::Auto) return asked;
  const bool measured = model == ModelKind::Dcgan;  // bf16's quality was compared with fp32's for DCGAN only
  return measured && device.is_cpu() && (cpu.amx_bf16 || cpu.avx512_bf16) ? Precision::Bf16 : Precision::Fp32;
}

void requireSupported(Precision p, const c10::Device& device, const CpuBf16Support& cpu) {
  if (p != Precision::Bf16 || !device.is_cpu() || cpu.amx_bf16 || cpu.avx512_bf16) return;
  throw GanscopeError("precision bf16: this CPU has no bf16 instructions (AVX512-BF16 or AMX), so bf16 training "
                      "would be emulated or fail; use --precision fp32 or auto");
}

std::string describePrecision(Precision p, const c10::Device& device, const CpuBf16Support& cpu) {
  if (p == Precision::Auto) return "auto";
  if (p == Precision::Fp32) return "fp32";
  if (!device.is_cpu()) return "bf16 (autocast)";
  return "bf16 (" + describe(cpu) + ")";
}

AutocastScope::AutocastScope(Precision p, const c10::Device& device) {
  if (p != Precision::Bf16) return;
  active_ = true;
  type_ = static_cast<int>(device.type());
  was_enabled_ = autocastEnabled(device.type());
  dtype_ = static_cast<int>(autocastDtype(device.type()));
  setAutocastDtype(device.type(), at::kBFloat16);
  setAutocastEnabled(device.type(), true);
  at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
  if (!active_) return;
  // The outermost scope drops the cached bf16 copies of the weights, which the optimiser is about to change.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  const auto type = static_cast<c10::DeviceType>(type_);
  setAutocastEnabled(type, was_enabled_);
  setAutocastDtype(type, static_cast<c10::ScalarType>(dtype_));
}

}  // namespace gs

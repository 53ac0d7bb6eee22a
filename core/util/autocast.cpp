#include "util/autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace gs {

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool autocastEnabled(c10::DeviceType type) { return at::autocast::is_autocast_enabled(type); }
void setAutocastEnabled(c10::DeviceType type, bool on) { at::autocast::set_autocast_enabled(type, on); }
c10::ScalarType autocastDtype(c10::DeviceType type) { return at::autocast::get_autocast_dtype(type); }
void setAutocastDtype(c10::DeviceType type, c10::ScalarType dtype) { at::autocast::set_autocast_dtype(type, dtype); }
#else
// Before 2.4: one set of functions for CUDA ("gpu") and one for the CPU.
bool autocastEnabled(c10::DeviceType type) {
  return type == c10::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
void setAutocastEnabled(c10::DeviceType type, bool on) {
  if (type == c10::kCUDA) at::autocast::set_enabled(on);
  else at::autocast::set_cpu_enabled(on);
}
c10::ScalarType autocastDtype(c10::DeviceType type) {
  return type == c10::kCUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
void setAutocastDtype(c10::DeviceType type, c10::ScalarType dtype) {
  if (type == c10::kCUDA) at::autocast::set_autocast_gpu_dtype(dtype);
  else at::autocast::set_autocast_cpu_dtype(dtype);
}
#endif

bool autocastToBf16(c10::DeviceType type) {
  return autocastEnabled(type) && autocastDtype(type) == c10::kBFloat16;
}

}  // namespace gs

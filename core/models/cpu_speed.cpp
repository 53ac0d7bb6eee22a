#include "models/cpu_speed.h"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

namespace gs {
namespace {
std::atomic<bool> g_channels_last{true};
}

void setCpuChannelsLast(bool enabled) { g_channels_last = enabled; }
bool cpuChannelsLast() { return g_channels_last; }

at::Tensor toConvLayout(const at::Tensor& x) {
  if (!g_channels_last || !x.device().is_cpu() || x.dim() != 4) return x;
  // One channel: NCHW memory already counts as channels-last contiguous, so contiguous() keeps its NCHW strides
  // and oneDNN then writes the convolution's output in NCHW, which the next layer copies to channels-last (6% of
  // a 64 px gray DCGAN step). Unambiguous channels-last strides (a 1-channel copy is cheap) keep it channels-last.
  if (x.size(1) == 1 && x.stride(1) != 1)
    return at::empty(x.sizes(), x.options().memory_format(at::MemoryFormat::ChannelsLast)).copy_(x);
  return x.contiguous(at::MemoryFormat::ChannelsLast);
}

void tuneCpuAllocator() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    if (std::getenv("GANSCOPE_NO_MALLOC_TUNE")) return;  // for benchmarks that compare
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);  // glibc's maximum
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  });
#endif
}

}  // namespace gs

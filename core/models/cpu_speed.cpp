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

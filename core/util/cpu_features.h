#pragma once
// What the CPU offers for bfloat16 arithmetic, as the kernel reports it ("flags" in /proc/cpuinfo). No LibTorch.
#include <string>

namespace gs {

struct CpuBf16Support {
  bool avx512_bf16 = false;  // bf16 dot products in AVX-512 registers (Cooper Lake, Zen 4)
  bool amx_bf16 = false;     // bf16 tile matrix multiply (Sapphire Rapids and later)
};
// Parses the "flags" line(s) of /proc/cpuinfo text.
CpuBf16Support parseCpuBf16Support(const std::string& cpuinfo);
// This machine's (Linux: /proc/cpuinfo; elsewhere: neither), read once.
const CpuBf16Support& cpuBf16Support();
// "AMX", "AVX512-BF16" or "no bf16 instructions".
std::string describe(const CpuBf16Support& cpu);

}  // namespace gs

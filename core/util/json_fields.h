#pragma once
// Reading and writing numbers in the JSON lines of a run folder (metrics.jsonl, health.jsonl). JSON has no NaN
// or infinity: a non-finite value is written as null and read back as NaN. Core-internal (nlohmann is private).
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

namespace gs {

inline nlohmann::json jsonNumber(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

// False when the key is missing or not a number (out untouched); null reads as NaN.
inline bool readJsonNumber(const nlohmann::json& j, const char* key, double& out) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (it->is_null()) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (!it->is_number()) return false;
  out = it->get<double>();
  return true;
}

inline bool readJsonInteger(const nlohmann::json& j, const char* key, int64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return false;
  if (it->is_number_integer()) {
    out = it->get<int64_t>();  // an unsigned value past int64 wraps; still defined
    return true;
  }
  // A float must fit before the cast (casting 1e300 to an integer is undefined behaviour).
  const double d = it->get<double>();
  if (!(std::fabs(d) < 9.2e18)) return false;
  out = static_cast<int64_t>(d);
  return true;
}

}  // namespace gs

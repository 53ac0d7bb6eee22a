#include "args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace gs::cli {

void FlagTable::value(const std::string& flag, std::function<void(const std::string&)> apply) {
  flags_[flag] = Flag{true, std::move(apply)};
}

void FlagTable::toggle(const std::string& flag, std::function<void()> apply) {
  flags_[flag] = Flag{false, [apply = std::move(apply)](const std::string&) { apply(); }};
}

void FlagTable::parse(const std::vector<std::string>& args) {
  given_.clear();
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::string inline_value;
    bool has_inline = false;
    if (flag.rfind("--", 0) != 0)
      throw UsageError("unexpected argument '" + flag + "' (flags start with --)");
    if (const auto eq = flag.find('='); eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_inline = true;
    }
    const auto it = flags_.find(flag);
    if (it == flags_.end())
      throw UsageError("unknown flag " + flag + " (see ganscope-cli " + command_ + " --help)");
    if (!it->second.takes_value) {
      if (has_inline) throw UsageError(flag + " takes no value");
      it->second.apply("");
    } else if (has_inline) {
      it->second.apply(inline_value);
    } else {
      // A following "--word" is the next flag, not a value; "-1" stays a (negative) value.
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) throw UsageError(flag + " needs a value");
      it->second.apply(args[++i]);
    }
    given_.insert(flag);
  }
}

bool wantsHelp(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

int64_t parseInteger(const std::string& flag, const std::string& text, int64_t min, int64_t max) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE)
    throw UsageError(flag + ": expected a whole number, got '" + text + "'");
  if (v < min || v > max)
    throw UsageError(flag + ": " + text + " is out of range (" + std::to_string(min) + " to " +
                     std::to_string(max) + ")");
  return v;
}

uint64_t parseUnsigned(const std::string& flag, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE)
    throw UsageError(flag + ": expected a non-negative whole number, got '" + text + "'");
  return v;
}

double parseNumber(const std::string& flag, const std::string& text, double min, double max) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
    throw UsageError(flag + ": expected a number, got '" + text + "'");
  if (v < min || v > max) {
    char range[96];
    std::snprintf(range, sizeof range, " is out of range (%g to %g)", min, max);
    throw UsageError(flag + ": " + text + range);
  }
  return v;
}

void parseGrid(const std::string& flag, const std::string& text, int& cols, int& rows) {
  const auto x = text.find_first_of("xX");
  try {
    if (x == std::string::npos) {
      cols = rows = static_cast<int>(parseInteger(flag, text, 1, 256));
    } else {
      cols = static_cast<int>(parseInteger(flag, text.substr(0, x), 1, 256));
      rows = static_cast<int>(parseInteger(flag, text.substr(x + 1), 1, 256));
    }
  } catch (const UsageError&) {
    throw UsageError(flag + ": expected COLSxROWS such as 8x8, got '" + text + "'");
  }
}

std::array<int, 3> parseColour(const std::string& flag, const std::string& text) {
  std::array<int, 3> rgb{};
  size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    const auto comma = text.find(',', start);
    const bool last = i == 2;
    if (last != (comma == std::string::npos))
      throw UsageError(flag + ": expected R,G,B such as 255,255,255, got '" + text + "'");
    const std::string part = text.substr(start, last ? std::string::npos : comma - start);
    rgb[i] = static_cast<int>(parseInteger(flag, part, 0, 255));
    start = comma + 1;
  }
  return rgb;
}

}  // namespace gs::cli

#include "explore/latent_text.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "util/error.h"

namespace gs {

std::string latentToText(const std::vector<float>& z) {
  std::string text;
  char v[32];
  for (float x : z) {
    std::snprintf(v, sizeof v, "%.9g", double(x));  // 9 significant digits round-trip any float
    text += (text.empty() ? "" : ",") + std::string(v);
  }
  return text;
}

std::vector<float> latentFromText(const std::string& text) {
  // Skip a JSON wrapper: everything up to the first '[' (if any) and after the matching ']'.
  size_t begin = text.find('[');
  size_t end = begin == std::string::npos ? text.size() : text.find(']', begin);
  if (begin == std::string::npos) begin = 0; else ++begin;
  if (end == std::string::npos) throw GanscopeError("latent: '[' without a closing ']'");
  std::vector<float> z;
  size_t pos = begin;
  while (pos < end) {
    const size_t comma = std::min(text.find(',', pos), end);
    const std::string part = text.substr(pos, comma - pos);
    const size_t first = part.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) throw GanscopeError("latent: empty value at position " + std::to_string(z.size()));
    errno = 0;
    char* stop = nullptr;
    const float v = std::strtof(part.c_str() + first, &stop);
    const std::string rest(stop);
    if (stop == part.c_str() + first || rest.find_first_not_of(" \t\r\n") != std::string::npos || errno == ERANGE ||
        !std::isfinite(v))
      throw GanscopeError("latent: '" + part.substr(first) + "' (value " + std::to_string(z.size()) +
                          ") is not a finite number");
    z.push_back(v);
    pos = comma + 1;
  }
  if (z.empty()) throw GanscopeError("latent: no values");
  return z;
}

}  // namespace gs

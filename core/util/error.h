#pragma once
// Errors a person can act on. Core calls that fail on user input throw GanscopeError with a message that
// names the file (when there is one) and the problem; the CLI prints it, the UI shows it and keeps running.
#include <stdexcept>
#include <string>

namespace gs {

class GanscopeError : public std::runtime_error {
 public:
  explicit GanscopeError(const std::string& message) : std::runtime_error(message) {}
};

// "path: problem" in one place so every message has the same shape.
inline GanscopeError fileError(const std::string& path, const std::string& problem) {
  return GanscopeError(path + ": " + problem);
}

}  // namespace gs

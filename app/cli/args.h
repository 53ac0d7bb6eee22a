#pragma once
// A small flag parser for ganscope-cli: "--flag value", "--flag=value" and boolean "--flag". Every mistake
// becomes a UsageError whose message names the flag; main() prints it and exits with status 2.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/error.h"

namespace gs::cli {

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

// The flags of one command and what each does with its value.
class FlagTable {
 public:
  explicit FlagTable(std::string command) : command_(std::move(command)) {}

  // A flag that takes a value, e.g. "--steps 100".
  void value(const std::string& flag, std::function<void(const std::string&)> apply);
  // A flag without a value, e.g. "--resume".
  void toggle(const std::string& flag, std::function<void()> apply);

  // Applies args in order; throws UsageError for unknown flags, missing values and stray words.
  void parse(const std::vector<std::string>& args);
  // Flags seen by the last parse(), without their values ("--lr-g").
  const std::set<std::string>& given() const { return given_; }

 private:
  struct Flag {
    bool takes_value = false;
    std::function<void(const std::string&)> apply;
  };
  std::string command_;
  std::map<std::string, Flag> flags_;
  std::set<std::string> given_;
};

// True when args ask for help (--help or -h anywhere): help wins over every other mistake.
bool wantsHelp(const std::vector<std::string>& args);

// Conversions that name the flag in their error: "--steps: expected a whole number, got 'ten'".
int64_t parseInteger(const std::string& flag, const std::string& text, int64_t min, int64_t max);
uint64_t parseUnsigned(const std::string& flag, const std::string& text);
double parseNumber(const std::string& flag, const std::string& text, double min, double max);
// "8x8" or "8": columns x rows.
void parseGrid(const std::string& flag, const std::string& text, int& cols, int& rows);
// "255,255,255": three integers 0-255.
std::array<int, 3> parseColour(const std::string& flag, const std::string& text);
// Runs a core enum parser (parseLoss, ...) and turns its GanscopeError into a UsageError naming the flag.
template <typename F>
auto parseChoice(const std::string& flag, const std::string& text, F parser) -> decltype(parser(text)) {
  try {
    return parser(text);
  } catch (const GanscopeError& e) {
    throw UsageError(flag + ": " + e.what());
  }
}

}  // namespace gs::cli

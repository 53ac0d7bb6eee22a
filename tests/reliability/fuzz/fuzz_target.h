#pragma once
// The interface between a fuzz target and the bounded mutation driver (fuzz_driver.cpp). A target is
// libFuzzer-shaped: LLVMFuzzerTestOneInput runs one input, catches the errors its API documents (GanscopeError)
// and lets anything else escape as a finding; gsFuzzSeeds gives the starting inputs, generated in code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace gs::fuzz {

std::vector<std::string> seeds();
// The target tells the driver what an input did ("ok", or the error message): inputs with a new outcome join
// the pool of inputs to mutate, a cheap stand-in for coverage feedback.
void outcome(const std::string& what);
// The bytes as a readable path (a memfd under /proc/self/fd), for APIs that take a file name.
std::string asFile(const uint8_t* data, size_t size);

}  // namespace gs::fuzz

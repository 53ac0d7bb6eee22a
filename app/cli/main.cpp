#include <cstdio>

#include "util/process_env.h"

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  std::puts("ganscope-cli: under construction");
  return 0;
}

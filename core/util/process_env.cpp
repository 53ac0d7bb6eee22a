#include "util/process_env.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace gs {

void ensureFastCpuEnvironment(int argc, char** argv) {
  if (std::getenv("GANSCOPE_NO_REEXEC") || std::getenv("GANSCOPE_ENV_READY")) return;
  bool changed = false;
  // Only fill in what the user left unset: their explicit choice wins.
  const char* kVars[][2] = {{"OMP_WAIT_POLICY", "PASSIVE"}, {"OPENBLAS_NUM_THREADS", "1"}};
  for (const auto& kv : kVars) {
    if (!std::getenv(kv[0])) {
      setenv(kv[0], kv[1], 0);
      changed = true;
    }
  }
  setenv("GANSCOPE_ENV_READY", "1", 1);
  if (!changed) return;
  std::vector<char*> args(argv, argv + argc);
  args.push_back(nullptr);
  execv("/proc/self/exe", args.data());
  // execv only returns on failure: carry on with the slower settings rather than stop.
}

void failWritesPastFileSizeLimit() { ::signal(SIGXFSZ, SIG_IGN); }

}  // namespace gs

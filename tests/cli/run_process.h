#pragma once
// Runs a program (the built ganscope-cli) with its output captured in files, for end-to-end tests.
#include <sys/types.h>

#include <string>
#include <vector>

namespace gs::test {

struct ProcessResult {
  int exit_code = -1;  // exit status, or 128 + signal when it was killed
  std::string out;     // stdout
  std::string err;     // stderr
};

// What the child runs under: a file-size limit (RLIMIT_FSIZE, bytes; -1 none) and, when started by root, the
// unprivileged user "nobody" (so folders root owns are read-only to it, as chmod makes them for anyone else).
struct ChildLimits {
  long long file_size = -1;
  bool as_nobody = false;
};

// Starts argv[0] with stdout and stderr redirected to the given files (stdin from /dev/null).
pid_t startProcess(const std::vector<std::string>& argv, const std::string& out_path, const std::string& err_path,
                   const ChildLimits& limits = {});
// Applies `limits` to the calling process (in a forked child); false if it could not.
bool applyChildLimits(const ChildLimits& limits);
// Waits up to timeout_s (then kills it with SIGKILL); exit status or 128 + signal.
int waitProcess(pid_t pid, double timeout_s);
// Start, wait, read the captured output.
ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& scratch_dir, double timeout_s = 120);

}  // namespace gs::test

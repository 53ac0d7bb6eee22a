#pragma once
// `--nproc N`: N ranks of one command on this machine, as torchrun --standalone starts them. Each child gets
// WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR (127.0.0.1) and MASTER_PORT; Ctrl-C (SIGINT) and SIGTERM are
// forwarded to every rank once; when a rank fails, the report names it and how it ended, and the others get a
// grace period to stop on their own (they see the failure within seconds) before they are killed. The children
// die with the launcher (PR_SET_PDEATHSIG), so no rank outlives it.
#include <cstdio>
#include <string>
#include <vector>

namespace gs {

struct LocalLaunch {
  std::vector<std::string> argv;  // the command every rank runs; argv[0] is the program's path
  int nproc = 2;                  // ranks to start
  int master_port = 0;            // 0: a port free now
  double grace_s = 90;            // after the first failure, how long the other ranks get to stop
};

// Starts the ranks and waits for all of them. Returns 0 when every rank exits with 0, else the first failing
// rank's exit status (128 + signal when killed). Writes "started rank R (pid P)" lines and failure reports
// to `log`. Throws GanscopeError when a rank cannot be started.
int runLocalRanks(const LocalLaunch& launch, std::FILE* log);

// "exited with status 1", "was killed by signal 9 (Killed)" for a waitpid status.
std::string describeExit(int wait_status);

}  // namespace gs

#include "distributed/local_launcher.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include "distributed/rendezvous_checks.h"
#include "util/error.h"

namespace gs {
namespace {

std::atomic<int> g_forward{0};  // signals received and not yet forwarded (the last one's number)

extern "C" void onLauncherSignal(int sig) { g_forward.store(sig); }

struct Rank {
  pid_t pid = -1;
  bool running = false;
  int status = 0;
};

// In the child: its own process group (the terminal's Ctrl-C reaches the launcher alone, which forwards it
// once), death with the launcher, the rank's environment, then the program.
[[noreturn]] void execRank(const LocalLaunch& l, int rank, int port, pid_t launcher) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != launcher) _exit(127);  // the launcher died before prctl
  ::setenv("WORLD_SIZE", std::to_string(l.nproc).c_str(), 1);
  ::setenv("RANK", std::to_string(rank).c_str(), 1);
  ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
  ::setenv("LOCAL_WORLD_SIZE", std::to_string(l.nproc).c_str(), 1);
  ::setenv("MASTER_ADDR", "127.0.0.1", 1);
  ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
  std::vector<char*> argv;
  for (const auto& a : l.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  const std::string msg = "cannot start " + l.argv[0] + ": " + std::strerror(errno) + "\n";
  const ssize_t ignored = ::write(STDERR_FILENO, msg.data(), msg.size());
  (void)ignored;
  _exit(127);
}

int exitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

void signalAll(std::vector<Rank>& ranks, int sig) {
  for (auto& r : ranks)
    if (r.running) ::kill(r.pid, sig);
}

}  // namespace

std::string describeExit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + ::strsignal(WTERMSIG(status)) + ")";
  return "ended with wait status " + std::to_string(status);
}

int runLocalRanks(const LocalLaunch& l, std::FILE* log) {
  if (l.nproc < 1) throw GanscopeError("--nproc must be at least 1");
  if (l.argv.empty()) throw GanscopeError("no command to launch");
  const int port = l.master_port > 0 ? l.master_port : freeTcpPort();
  checkPortFree(port);

  struct sigaction sa {}, old_int {}, old_term {};
  sa.sa_handler = onLauncherSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  std::fflush(nullptr);  // nothing buffered may be written twice by the children
  const pid_t self = ::getpid();
  std::vector<Rank> ranks(static_cast<size_t>(l.nproc));
  for (int r = 0; r < l.nproc; ++r) {
    const pid_t pid = ::fork();
    if (pid < 0) {
      signalAll(ranks, SIGKILL);
      throw GanscopeError(std::string("cannot start rank ") + std::to_string(r) + ": " + std::strerror(errno));
    }
    if (pid == 0) execRank(l, r, port, self);
    ranks[static_cast<size_t>(r)] = Rank{pid, true, 0};
    std::fprintf(log, "started rank %d of %d (pid %d), rendezvous 127.0.0.1:%d\n", r, l.nproc, static_cast<int>(pid),
                 port);
  }
  std::fflush(log);

  int result = 0;
  int running = l.nproc;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  while (running > 0) {
    if (const int sig = g_forward.exchange(0); sig != 0) signalAll(ranks, SIGINT);
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      for (int r = 0; r < l.nproc; ++r) {
        Rank& rank = ranks[static_cast<size_t>(r)];
        if (rank.pid != pid || !rank.running) continue;
        rank.running = false;
        --running;
        if (exitCode(status) != 0) {
          std::fprintf(log, "ganscope-cli: rank %d (pid %d) %s\n", r, static_cast<int>(pid),
                       describeExit(status).c_str());
          std::fflush(log);
          if (result == 0) {
            result = exitCode(status);
            deadline = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<int64_t>(l.grace_s * 1000));
          }
        }
      }
      continue;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      std::fprintf(log, "ganscope-cli: %d rank(s) still running %.0f s after the first failure: killing them\n",
                   running, l.grace_s);
      signalAll(ranks, SIGKILL);
      deadline = std::chrono::steady_clock::time_point::max();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  return result;
}

}  // namespace gs

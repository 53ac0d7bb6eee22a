#include "run_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gs::test {

bool applyChildLimits(const ChildLimits& limits) {
  if (limits.file_size >= 0) {
    const rlimit r{rlim_t(limits.file_size), rlim_t(limits.file_size)};
    if (::setrlimit(RLIMIT_FSIZE, &r) != 0) return false;
  }
  if (limits.as_nobody && ::geteuid() == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) return false;
  }
  return true;
}

pid_t startProcess(const std::vector<std::string>& argv, const std::string& out_path, const std::string& err_path,
                   const ChildLimits& limits) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!applyChildLimits(limits)) ::_exit(125);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

int waitProcess(pid_t pid, double timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& scratch_dir, double timeout_s) {
  const std::string out = scratch_dir + "/.stdout", err = scratch_dir + "/.stderr";
  ProcessResult r;
  r.exit_code = waitProcess(startProcess(argv, out, err), timeout_s);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace gs::test

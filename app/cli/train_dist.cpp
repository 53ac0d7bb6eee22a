#include "train_dist.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <thread>

#include "args.h"
#include "distributed/local_launcher.h"
#include "util/device.h"

namespace gs::cli {
namespace {

std::string selfPath() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw GanscopeError("cannot find this program's path (/proc/self/exe) to start the ranks");
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace

int launchLocalRanks(const TrainOptions& o, const std::vector<std::string>& args) {
  LocalLaunch l;
  l.nproc = o.dist.nproc;
  l.argv = {selfPath(), "train"};
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--nproc") {
      ++i;  // and its value
      continue;
    }
    if (args[i].rfind("--nproc=", 0) == 0) continue;
    l.argv.push_back(args[i]);
  }
  // N ranks of all cores each would oversubscribe the CPU several times over.
  if (!o.given.count("--threads")) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    l.argv.push_back("--threads");
    l.argv.push_back(std::to_string(std::max(1, cores / l.nproc)));
  }
  if (o.given.count("--master-port")) l.master_port = o.dist.values.master_port;
  l.grace_s = o.dist.values.timeout_s + 15;  // the others need the timeout and a few seconds of diagnosis
  return runLocalRanks(l, stderr);
}

std::shared_ptr<DistGroup> joinRun(const TrainOptions& o, const DistOptions& dist) {
  const bool cuda = selectDevice(o.config.device).is_cuda();
  return DistGroup::join(dist, cuda);
}

void rethrowForRank(DistGroup& group) {
  try {
    throw;
  } catch (const DistError&) {
    throw;  // names the rank at fault already
  } catch (const std::exception& e) {
    const std::string what = e.what();
    group.announceFailure(what.substr(0, what.find('\n')));
    throw GanscopeError("rank " + std::to_string(group.rank()) + ": " + what);
  }
}

std::string describeDataParallel(const DistGroup& group, int global_batch) {
  return ", data-parallel: " + std::to_string(group.worldSize()) + " ranks x " +
         std::to_string(global_batch / group.worldSize()) + " (" + toString(group.options().backend) + ")";
}

}  // namespace gs::cli

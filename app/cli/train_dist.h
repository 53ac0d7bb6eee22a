#pragma once
// `ganscope-cli train` across processes: launching local ranks (--nproc) and joining a data-parallel run.
#include <memory>
#include <string>
#include <vector>

#include "distributed/dist_group.h"
#include "options.h"

namespace gs::cli {

// --nproc N: starts N ranks of this same command (without --nproc; --threads shared out unless given) and
// waits for them. Returns the exit status: 0, or the first failing rank's.
int launchLocalRanks(const TrainOptions& o, const std::vector<std::string>& args);
// Joins the run `dist` describes (rank 0 hosts the rendezvous). Throws GanscopeError naming the problem.
std::shared_ptr<DistGroup> joinRun(const TrainOptions& o, const DistOptions& dist);
// In a catch block of a rank: tells the other ranks why this one stops, and rethrows the error with the rank
// named in it.
[[noreturn]] void rethrowForRank(DistGroup& group);
// ", data-parallel: 2 ranks x 32 (gloo)" for the run's description line.
std::string describeDataParallel(const DistGroup& group, int global_batch);

}  // namespace gs::cli

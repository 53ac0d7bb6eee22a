#pragma once
// Where a data-parallel process stands: its rank among world_size processes and how they meet (the rendezvous
// store on MASTER_ADDR:MASTER_PORT, hosted by rank 0). Read from the environment torchrun, Slurm (through a
// launch script) and Kubernetes set for PyTorch jobs, then overridden by flags. No LibTorch types here.
#include <cstdint>
#include <functional>
#include <string>

namespace gs {

enum class DistBackend { Auto, Gloo, Nccl };

struct DistOptions {
  int world_size = 1;          // processes in the run (WORLD_SIZE); 1: not distributed
  int rank = 0;                // this process, 0..world_size-1 (RANK); rank 0 writes the run folder
  int local_rank = 0;          // this process on its machine (LOCAL_RANK): picks the GPU
  std::string master_addr;     // host of rank 0's rendezvous store (MASTER_ADDR)
  int master_port = 29500;     // its port (MASTER_PORT; torchrun's default)
  DistBackend backend = DistBackend::Auto;  // auto: NCCL when every rank trains on CUDA, else Gloo
  double timeout_s = 60;       // a collective (or the rendezvous) waiting longer than this stops the run

  bool distributed() const { return world_size > 1; }
};

// The environment's view: WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (all optional; absent WORLD_SIZE
// means 1). `getenv` returns nullptr for an unset variable. Throws GanscopeError naming the variable for a value
// that is not a number.
DistOptions distOptionsFromEnv(const std::function<const char*(const char*)>& getenv);
// Throws GanscopeError when the options cannot describe a run (rank outside the world, no MASTER_ADDR, ...).
void validate(const DistOptions& o);

std::string toString(DistBackend b);
DistBackend parseDistBackend(const std::string& s);  // auto, gloo, nccl; throws GanscopeError
// "rank 1 of 2 (local 1), gloo via 127.0.0.1:29500"
std::string describe(const DistOptions& o);

}  // namespace gs

#pragma once
// One process's membership of a data-parallel run on LibTorch's c10d: the rendezvous store (a TCPStore hosted by
// rank 0), the process group (Gloo on the CPU, NCCL on CUDA when this LibTorch has it) and a heartbeat through
// the store. A collective that fails (a rank died, hung past the timeout, or reported an error) throws DistError
// whose message names the rank. The c10d types stay in the source files.
#include <ATen/ATen.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "distributed/batch_shard.h"
#include "distributed/dist_options.h"
#include "util/error.h"

namespace gs {

class DistError : public GanscopeError {
 public:
  explicit DistError(const std::string& message) : GanscopeError(message) {}
};

class DistGroup {
 public:
  // Checks the address (and on rank 0 the port), rendezvous with every rank, then starts the backend: Gloo, or
  // NCCL (auto: when `cuda` is true on every rank and this LibTorch was built with NCCL). Throws GanscopeError
  // with what to do ("cannot be resolved", "port in use", "only 1 of 2 ranks joined within 60 s").
  static std::shared_ptr<DistGroup> join(DistOptions options, bool cuda);
  ~DistGroup();
  DistGroup(const DistGroup&) = delete;
  DistGroup& operator=(const DistGroup&) = delete;

  int rank() const;
  int worldSize() const;
  const DistOptions& options() const;  // backend resolved to gloo or nccl
  BatchShard shard() const { return BatchShard{rank(), worldSize()}; }
  // The device collectives run on: the CPU for Gloo, cuda:local_rank for NCCL.
  c10::Device device() const;

  // In place, on every rank (tensors on any device: copied to device() and back when needed). One asynchronous
  // operation per tensor, all started before any is waited for, so large buckets overlap each other.
  void allreduceSum(std::vector<at::Tensor>& tensors);
  void allreduceMax(std::vector<at::Tensor>& tensors);
  void broadcast(std::vector<at::Tensor>& tensors, int root = 0);

  // Every rank reaches the point named `label` (through the store, so slow steps before it, such as decoding a
  // large dataset, don't hit the collective timeout; a rank that dies meanwhile is named within seconds).
  void meet(const std::string& label);
  // The training step this rank is at, published with its heartbeat (named when a rank falls behind).
  void setStep(int64_t step);
  // Best effort: tells the other ranks why this one is stopping, so their error names it and the reason.
  void announceFailure(const std::string& message);

  struct Impl;

 private:
  explicit DistGroup(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs

#include "distributed/grad_sync.h"

#include <torch/csrc/autograd/grad_mode.h>

#include <vector>

#include "distributed/dist_group.h"

namespace gs {
namespace {

// Flattens `tensors` into buckets of at most `bucket_bytes` (one tensor larger than that gets its own bucket),
// applies `reduce` to the flat buckets and copies the results back into the tensors.
template <typename Reduce>
void inBuckets(std::vector<at::Tensor> tensors, int64_t bucket_bytes, Reduce reduce) {
  std::vector<std::vector<at::Tensor>> groups;
  int64_t bytes = 0;
  for (const at::Tensor& t : tensors) {
    const int64_t size = t.numel() * static_cast<int64_t>(t.element_size());
    const bool fits = !groups.empty() && bytes + size <= bucket_bytes &&
                      groups.back().front().scalar_type() == t.scalar_type() &&
                      groups.back().front().device() == t.device();
    if (!fits) {
      groups.emplace_back();
      bytes = 0;
    }
    groups.back().push_back(t);
    bytes += size;
  }
  std::vector<at::Tensor> flat;
  for (const auto& g : groups) {
    std::vector<at::Tensor> pieces;
    for (const at::Tensor& t : g) pieces.push_back(t.reshape({-1}));
    flat.push_back(at::cat(pieces));
  }
  reduce(flat);
  for (size_t i = 0; i < groups.size(); ++i) {
    int64_t offset = 0;
    for (at::Tensor& t : groups[i]) {
      t.copy_(flat[i].narrow(0, offset, t.numel()).view_as(t));
      offset += t.numel();
    }
  }
}

}  // namespace

void averageGradients(DistGroup& group, torch::nn::Module& module, int64_t bucket_bytes) {
  if (group.worldSize() <= 1) return;
  std::vector<at::Tensor> grads;
  for (auto& p : module.parameters())
    if (p.grad().defined()) grads.push_back(p.mutable_grad());
  if (grads.empty()) return;
  torch::NoGradGuard no_grad;
  const double world = group.worldSize();
  inBuckets(grads, bucket_bytes, [&](std::vector<at::Tensor>& flat) {
    group.allreduceSum(flat);
    for (auto& f : flat) f.div_(world);
  });
}

void averageBuffers(DistGroup& group, torch::nn::Module& module) {
  if (group.worldSize() <= 1) return;
  std::vector<at::Tensor> buffers;
  for (auto& b : module.buffers())
    if (b.is_floating_point()) buffers.push_back(b);
  if (buffers.empty()) return;
  torch::NoGradGuard no_grad;
  const double world = group.worldSize();
  inBuckets(buffers, kGradBucketBytes, [&](std::vector<at::Tensor>& flat) {
    group.allreduceSum(flat);
    for (auto& f : flat) f.div_(world);
  });
}

void broadcastState(DistGroup& group, torch::nn::Module& module, int root) {
  if (group.worldSize() <= 1) return;
  std::vector<at::Tensor> state;
  for (auto& p : module.parameters()) state.push_back(p);
  for (auto& b : module.buffers()) state.push_back(b);
  if (state.empty()) return;
  torch::NoGradGuard no_grad;
  inBuckets(state, kGradBucketBytes, [&](std::vector<at::Tensor>& flat) { group.broadcast(flat, root); });
}

int64_t gradientBytes(const torch::nn::Module& module) {
  int64_t bytes = 0;
  for (const auto& p : module.parameters()) bytes += p.numel() * static_cast<int64_t>(p.element_size());
  return bytes;
}

}  // namespace gs

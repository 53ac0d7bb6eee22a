#pragma once
// Keeping every rank's copy of a network identical: gradients averaged after each backward (flattened into
// buckets of about 25 MB, as DDP's reducer does, one all-reduce per bucket, every bucket started before any is
// awaited), floating-point buffers (BatchNorm running statistics, the style generator's w_avg) averaged before a
// checkpoint, and rank 0's state copied to all at start.
#include <torch/nn/module.h>

#include <cstdint>

namespace gs {

class DistGroup;

constexpr int64_t kGradBucketBytes = int64_t(25) << 20;  // torch DDP's default bucket_cap_mb

// Replaces each defined gradient of `module` by its mean over the ranks. The set of parameters with gradients
// must be the same on every rank (it is: each rank runs the same graph on its shard).
void averageGradients(DistGroup& group, torch::nn::Module& module, int64_t bucket_bytes = kGradBucketBytes);
// Replaces every floating-point buffer by its mean over the ranks.
void averageBuffers(DistGroup& group, torch::nn::Module& module);
// Copies rank `root`'s parameters and buffers into every rank's module.
void broadcastState(DistGroup& group, torch::nn::Module& module, int root = 0);
// Bytes one rank sends into the all-reduce of this module's gradients each time: its parameters' size.
int64_t gradientBytes(const torch::nn::Module& module);

}  // namespace gs

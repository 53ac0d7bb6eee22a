#pragma once
// Which rows of the global batch one rank trains on. The shard is strided: rank r of W takes global rows r, r+W,
// r+2W, ... (so a minibatch-stddev group, which takes rows i, i+N/G, ..., stays within one rank when W divides
// N/G). Everything random that has one value per row (latents, classes, noise, augmentation parameters) is drawn
// for the whole global batch on every rank and then sharded: every rank's generators advance exactly as one
// process's would, and the W shards together hold what one process of the global batch holds.
#include <ATen/ATen.h>

#include <cstdint>
#include <string>

namespace gs {

struct BatchShard {
  int rank = 0;   // this process's rank, 0..world-1
  int world = 1;  // processes sharing each global batch

  bool whole() const { return world <= 1; }
  // Rows of this shard in a global batch of `global` rows (global must be a multiple of world).
  int64_t rows(int64_t global) const { return global / world; }
  // The global batch a shard of `local` rows belongs to.
  int64_t globalRows(int64_t local) const { return local * world; }
  // Global row of this shard's row `local`.
  int64_t globalRow(int64_t local) const { return rank + local * world; }
  // This shard's rows of a tensor holding the whole global batch in dimension 0.
  at::Tensor take(const at::Tensor& global_rows) const;
};

// The shard of the step running on this thread: what a network draws per row inside its forward (the style
// generator's noise and mixing latents) uses it. The trainer sets it for the length of a step; whole otherwise.
const BatchShard& currentBatchShard();
class BatchShardScope {
 public:
  explicit BatchShardScope(const BatchShard& shard);
  ~BatchShardScope();
  BatchShardScope(const BatchShardScope&) = delete;
  BatchShardScope& operator=(const BatchShardScope&) = delete;

 private:
  BatchShard previous_;
};

// "" when a global batch of `batch` rows splits into `world` equal shards; else why not, with what to do.
std::string shardProblem(int64_t batch, int world);

}  // namespace gs

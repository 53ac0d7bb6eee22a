#include "distributed/batch_shard.h"

#include <c10/util/Exception.h>

#include <string>

namespace gs {

at::Tensor BatchShard::take(const at::Tensor& global_rows) const {
  if (whole()) return global_rows;
  TORCH_CHECK(global_rows.size(0) % world == 0, "BatchShard: ", global_rows.size(0), " rows do not split over ",
              world, " ranks");
  return global_rows.slice(/*dim=*/0, /*start=*/rank, /*end=*/c10::nullopt, /*step=*/world).contiguous();
}

namespace {
thread_local BatchShard t_shard;
}  // namespace

const BatchShard& currentBatchShard() { return t_shard; }

BatchShardScope::BatchShardScope(const BatchShard& shard) : previous_(t_shard) { t_shard = shard; }
BatchShardScope::~BatchShardScope() { t_shard = previous_; }

std::string shardProblem(int64_t batch, int world) {
  if (world <= 1 || (batch % world == 0 && batch >= world)) return "";
  return "the batch (" + std::to_string(batch) + " images, the global batch of all ranks) does not split evenly "
         "over " + std::to_string(world) + " ranks; choose a multiple of " + std::to_string(world);
}

}  // namespace gs

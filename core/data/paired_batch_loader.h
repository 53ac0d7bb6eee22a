#pragma once
// Batches of (A, B) pairs for an image-to-image model: two BatchLoaders, one per side, with the same seed and
// flip setting. A BatchLoader's order and flips are pure functions of (seed, epoch, slot) and the dataset size, so
// the two streams stay in step pair by pair - including after seek(), which is how a checkpoint resumes them.
#include <ATen/ATen.h>

#include <memory>

#include "data/batch_loader.h"

namespace gs {

struct PairedDataset;

class PairedBatchLoader {
 public:
  PairedBatchLoader(const PairedDataset& data, int batch, uint64_t seed, bool hflip, int prefetch = 3);

  struct Batch {
    at::Tensor a;  // float32 [batch, C_A, R, R] in [-1, 1]
    at::Tensor b;  // float32 [batch, C_B, R, R]
  };
  Batch next();
  BatchLoader::Position position() const { return a_.position(); }
  void seek(BatchLoader::Position p);

 private:
  BatchLoader a_;
  BatchLoader b_;
};

}  // namespace gs

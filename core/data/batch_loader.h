#pragma once
// Turns an ImageDataset into training batches on a background thread, so training never waits on pixel
// conversion. Deterministic: the sample stream is the concatenation of per-epoch permutations (epoch e shuffled
// by std::mt19937_64 seeded from hash(seed, e)); each batch takes the next `batch` entries, crossing epoch
// boundaries; horizontal flips are decided per (seed, epoch, slot) by a hash. Results never depend on timing.
// A data-parallel rank passes its BatchShard: it assembles only its rows of each global batch (the stream and the
// positions stay those of the global batch, so a checkpoint's position means the same at any world size).
#include <ATen/ATen.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "distributed/batch_shard.h"

namespace gs {

class ImageDataset;

class BatchLoader {
 public:
  // `batch` is the global batch; next() returns shard.rows(batch) of its rows.
  BatchLoader(std::shared_ptr<const ImageDataset> data, int batch, uint64_t seed, bool hflip, int prefetch = 3,
              BatchShard shard = {});
  ~BatchLoader();  // stops and joins the thread
  BatchLoader(const BatchLoader&) = delete;
  BatchLoader& operator=(const BatchLoader&) = delete;

  // float32 [rows, C, R, R] in [-1, 1], CPU, contiguous (rows: the batch, or this rank's shard of it).
  at::Tensor next();
  // The same with the images' class labels, int64 [batch] (undefined when the dataset has none).
  struct Batch {
    at::Tensor images;
    at::Tensor labels;
  };
  Batch nextBatch();

  // Of the NEXT batch next() will return: `index` is the slot within `epoch`'s permutation.
  struct Position {
    int64_t epoch = 0;
    int64_t index = 0;
  };
  Position position() const;
  // Exact resume: after seek(p), next() returns what it returned at position p before.
  void seek(Position p);

  int batch() const { return batch_; }

 private:
  struct Prepared {
    Position at;     // where this batch starts
    Position after;  // where the next one starts
    Batch batch;
  };
  Position advance(Position p, int64_t steps) const;
  Batch assemble(Position at);  // one thread at a time: the prefetch thread, or next() when prefetch == 0
  const std::vector<int64_t>& permutation(int64_t epoch);
  void run();

  std::shared_ptr<const ImageDataset> data_;
  int batch_;
  BatchShard shard_;
  uint64_t seed_;
  bool hflip_;
  size_t prefetch_;
  float lut_[256];  // uint8 -> [-1, 1]

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Prepared> queue_;
  Position consumer_;        // next batch next() returns
  Position producer_;        // next batch the thread assembles
  uint64_t generation_ = 0;  // bumped by seek() so a batch assembled for an old position is dropped
  bool stop_ = false;
  std::exception_ptr error_;  // what stopped the prefetch thread; next() rethrows it
  std::thread thread_;

  // Cached shuffle of one epoch; only touched by whoever assembles.
  int64_t perm_epoch_ = -1;
  std::vector<int64_t> perm_;
};

}  // namespace gs

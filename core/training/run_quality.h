#pragma once
// The quality side of a training run: every quality_every steps the EMA generator's samples are compared with
// real images by the sliced Wasserstein distance (metrics/sliced_wasserstein.h), written to RUN/quality.jsonl;
// the best generator so far is kept as RUN/checkpoints/best.gsck, and a hint says when quality stops improving.
// The real images are held aside when the data has a held-out set next to it (Fashion-MNIST/MNIST t10k files),
// else a fixed sample of the training images.
#include <ATen/ATen.h>

#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "metrics/quality_record.h"
#include "training/run_folder.h"

namespace gs {

class ImageDataset;
class JsonlAppender;
class Trainer;

class RunQuality {
 public:
  // resume: keep quality.jsonl up to the trainer's step (see rewind); otherwise it is started afresh.
  RunQuality(const TrainConfig& config, const RunPaths& paths, const ImageDataset& data);
  ~RunQuality();

  QualityRecord measure(Trainer& trainer);
  // After a resume or rollback to `step`: cuts quality.jsonl back, forgets later records, and removes best.gsck
  // when it holds a generator from after `step`.
  void rewind(int64_t step);
  int64_t lastMeasured() const { return records_.empty() ? -1 : records_.back().step; }
  const std::string& reference() const { return reference_; }

 private:
  TrainConfig config_;
  RunPaths paths_;
  at::Tensor real_;
  at::Tensor z_;
  std::string reference_;
  std::vector<QualityRecord> records_;
  std::unique_ptr<JsonlAppender> writer_;
};

// The held-out image file next to an IDX training file (".../train-images-idx3-ubyte[.gz]" ->
// ".../t10k-images-idx3-ubyte[.gz]"), or in a Fashion-MNIST folder, when it exists; else "".
std::string heldOutIdxFile(const std::string& train_path);

}  // namespace gs

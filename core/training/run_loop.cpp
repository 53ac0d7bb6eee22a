#include "training/run_loop.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>
#include <utility>

#include "tensorboard/event_file.h"
#include "tensorboard/run_events.h"
#include "data/image_dataset.h"
#include "distributed/dist_group.h"
#include "export/png_export.h"
#include "training/checkpoint.h"
#include "training/jsonl_file.h"
#include "training/run_folder.h"
#include "training/run_files.h"
#include "training/run_health.h"
#include "training/run_quality.h"
#include "training/translation_run.h"
#include "training/trainer.h"
#include "util/atomic_file.h"
#include "util/device.h"
#include "util/error.h"
#include "util/tensor_image.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

TrainConfig resumedConfig(const std::string& checkpoint, const TrainConfig& requested) {
  TrainConfig c = readCheckpointConfig(checkpoint);
  copyRunSettings(requested, c);
  if (!requested.data.path.empty()) c.data.path = requested.data.path;  // the folder may have moved
  return c;
}

// A checkpoint whose networks differ from the run's config.json came from another run: resuming from it would
// silently swap the model. A config.json that can't be read is rewritten from the checkpoint instead.
void refuseForeignCheckpoint(const std::string& checkpoint, const TrainConfig& in_checkpoint,
                             const std::string& run_dir) {
  if (!fs::exists(RunPaths{run_dir}.config())) return;
  TrainConfig run = in_checkpoint;
  try {
    run.model = readRunConfig(run_dir).model;
  } catch (const GanscopeError&) {
    return;
  }
  if (run.model.channels == 0) run.model.channels = in_checkpoint.model.channels;
  const std::string mismatch = architectureMismatch(in_checkpoint, run);
  if (!mismatch.empty())
    throw fileError(checkpoint, "holds another model than this run's config.json (" + mismatch +
                                    "); move it out of checkpoints/ to resume the run");
}

class RunLoop {
 public:
  RunLoop(TrainConfig config, std::string run_dir, const RunCallbacks& cb, std::shared_ptr<DistGroup> dist)
      : config_(std::move(config)), paths_{std::move(run_dir)}, cb_(cb), dist_(std::move(dist)),
        writer_(!dist_ || dist_->rank() == 0) {}

  RunResult run(bool resume, const std::string& resume_from);

 private:
  bool stopRequested() const { return cb_.should_stop && cb_.should_stop(); }
  // Data-parallel: true on every rank when `local` is true on any (one tiny all-reduce); else `local`.
  bool onAnyRank(bool local) const;
  // Rank 0 (or the only process) writes the run folder: everything else the loop writes is guarded by this.
  bool writer() const { return writer_; }
  void prepareRunFolder(bool resume, int64_t start, const ImageDataset& data);
  // Sleeps while paused; returns false when a stop arrives meanwhile.
  bool waitWhilePaused() const;
  void writeSamples(int64_t step);
  void writeCheckpoint(int64_t step);
  void measureHealth();
  void measureQuality();
  // After NaN/Inf at `step`: reload the last checkpoint with lower rates, cut the run files back to it.
  void rollBack(int64_t step, const std::string& what);

  TrainConfig config_;
  RunPaths paths_;
  const RunCallbacks& cb_;
  std::shared_ptr<DistGroup> dist_;
  bool writer_;
  std::unique_ptr<Trainer> trainer_;
  std::unique_ptr<RunHealth> health_;  // rank 0 alone measures health and raises alarms
  std::unique_ptr<RunQuality> quality_;  // null when quality_every is 0
  std::unique_ptr<JsonlAppender> metrics_;
  std::unique_ptr<RunEvents> events_;  // the TensorBoard view (the writer rank, when this build has it)
  at::Tensor fixed_;
  std::string last_checkpoint_;
  int64_t last_checkpoint_step_ = -1;
  int rollbacks_ = 0;
  int rollbacks_in_a_row_ = 0;  // since the last checkpoint written
};

bool RunLoop::onAnyRank(bool local) const {
  if (!dist_) return local;
  std::vector<at::Tensor> flag{at::full({1}, local ? 1 : 0, at::TensorOptions(at::kInt))};
  dist_->allreduceMax(flag);
  return flag[0].item<int>() != 0;
}

bool RunLoop::waitWhilePaused() const {
  while (cb_.is_paused && cb_.is_paused()) {
    if (stopRequested()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

void RunLoop::writeSamples(int64_t step) {
  // A conditional model's grid has one row per class (Trainer::fixedClasses).
  const std::vector<ImageU8> images =
      tensorToImages(trainer_->sample(fixed_, trainer_->fixedClasses(), /*use_ema=*/true));
  const ImageU8 grid = tileGrid(images, config_.grid_size, /*padding=*/2);
  PngText text = standardExportText();
  text.emplace_back("Step", std::to_string(step));
  text.emplace_back("Seed", std::to_string(config_.seed));
  writePng(paths_.sampleFile(step), grid, text);
  if (events_) events_->image(step, grid);
  // The generator of this grid, for an app following the run (atomic; only the newest is kept).
  const std::string snapshot = paths_.snapshotFile(step);
  saveGeneratorFile(snapshot, *trainer_->emaGenerator(), config_, step);
  for (const auto& old : listSnapshots(paths_.root))
    if (old != snapshot) std::remove(old.c_str());
  if (cb_.on_samples) cb_.on_samples(grid, step);
}

// Every rank comes here at the same step (the running statistics are averaged over the ranks); rank 0 writes.
void RunLoop::writeCheckpoint(int64_t step) {
  const std::string path = paths_.checkpointFile(step);
  trainer_->averageStatistics();
  last_checkpoint_ = path;
  last_checkpoint_step_ = step;
  rollbacks_in_a_row_ = 0;
  if (!writer()) return;
  trainer_->save(path);
  if (events_) events_->flush();
  pruneCheckpoints(listCheckpoints(paths_.root), config_.keep_checkpoints);
  if (cb_.on_checkpoint) cb_.on_checkpoint(path, step);
}

void RunLoop::measureHealth() {
  if (health_) health_->measure(*trainer_, fixed_);
}

void RunLoop::measureQuality() {
  if (!quality_) return;
  const QualityRecord r = quality_->measure(*trainer_);
  if (cb_.on_quality) cb_.on_quality(r);
}

void RunLoop::rollBack(int64_t step, const std::string& what) {
  const std::string problem = "training diverged at step " + std::to_string(step) + " (" + what + " not finite)";
  if (last_checkpoint_.empty()) {
    if (health_) health_->reportNonFinite(step, what, "No checkpoint to roll back to: training stopped.");
    throw GanscopeError(problem + " before any checkpoint was written, so there is nothing to roll back to; lower "
                        "the learning rates (lr_g " + std::to_string(config_.optim.lr_g) + ", lr_d " +
                        std::to_string(config_.optim.lr_d) + ") or checkpoint more often");
  }
  if (++rollbacks_in_a_row_ > kMaxRollbacksInARow) {
    if (health_) health_->reportNonFinite(step, what, "Training stopped after repeated rollbacks.");
    throw fileError(last_checkpoint_, problem + " again after " + std::to_string(kMaxRollbacksInARow) +
                                          " rollbacks to this checkpoint; lower the learning rates further or "
                                          "change the loss (wgan-gp, spectral-norm)");
  }
  // Every rank reloads the same checkpoint (rank 0 wrote it before the collectives of any later step).
  trainer_->load(last_checkpoint_);
  if (config_.nan_lr_scale != 1.0) trainer_->scaleLearningRates(config_.nan_lr_scale);
  config_.optim = trainer_->config().optim;
  ++rollbacks_;
  if (!writer()) return;
  writeFileAtomic(paths_.config(), toJson(config_) + "\n");
  const int64_t back = trainer_->stepCount();

  // Lose nothing but the diverged stretch: metrics, health lines and grids after the checkpoint go.
  rewindRunFiles(paths_, back, metrics_);
  health_->rewind(back);
  if (quality_) quality_->rewind(back);
  if (events_) events_->rewind(back);
  char rates[96];
  std::snprintf(rates, sizeof rates, "lr_g %.3g, lr_d %.3g", config_.optim.lr_g, config_.optim.lr_d);
  health_->reportNonFinite(step, what, "Rolled back to " + fs::path(last_checkpoint_).filename().string() +
                                           " (step " + std::to_string(back) + ") with " + rates + ".");
}

void RunLoop::prepareRunFolder(bool resume, int64_t start, const ImageDataset& data) {
  makeDirs(paths_.samples());
  makeDirs(paths_.checkpoints());
  // A run killed while writing leaves its temporary files behind (a checkpoint's worth each): this run is the
  // folder's writer now, so they go.
  for (const std::string& dir : {paths_.root, paths_.samples(), paths_.checkpoints()}) removeStaleTempFiles(dir);
  writeFileAtomic(paths_.config(), toJson(config_) + "\n");
  if (resume) {
    truncateMetrics(paths_, start);
    removeSamplesAfter(paths_.root, start);
  } else {
    // Leftovers of an earlier attempt that never reached a checkpoint would mix into this run's curves.
    writeFileAtomic(paths_.metrics(), "");
    writeFileAtomic(paths_.health(), "");
    writeFileAtomic(paths_.alarms(), "");
    writeFileAtomic(paths_.quality(), "");
    std::remove(paths_.bestCheckpoint().c_str());
    removeSamplesAfter(paths_.root, -1);
  }
  metrics_ = std::make_unique<JsonlAppender>(paths_.metrics());
  health_ = std::make_unique<RunHealth>(config_, paths_, data, cb_);
  if (resume) health_->rewind(start);
  if (config_.quality_every > 0) {
    quality_ = std::make_unique<RunQuality>(config_, paths_, data);
    if (resume) quality_->rewind(start);
  }
  if (tensorboardAvailable()) events_ = std::make_unique<RunEvents>(paths_, resume ? start : -1);
}

RunResult RunLoop::run(bool resume, const std::string& resume_from) {
  validate(config_);
  setCpuThreads(config_.threads);

  // Decode the dataset first: a bad folder should fail before anything is written.
  auto data = ImageDataset::load(config_.data, cb_.on_load_progress, cb_.should_stop);
  if (cb_.on_dataset) cb_.on_dataset(data->summary());
  // Ranks decode at their own pace: meet through the store, not a collective with a timeout.
  if (dist_) dist_->meet("dataset loaded");

  trainer_ = std::make_unique<Trainer>(config_, data, dist_);
  if (resume) {
    trainer_->load(resume_from);
    last_checkpoint_ = resume_from;
  }
  const int64_t start = trainer_->stepCount();
  if (resume) last_checkpoint_step_ = start;
  const TrainConfig requested = config_;
  config_ = trainer_->config();  // channels and resolution filled in from the data
  copyRunSettings(requested, config_);
  config_.total_steps = std::max(config_.total_steps, start);
  if (writer()) prepareRunFolder(resume, start, *data);
  fixed_ = trainer_->fixedLatents();

  RunResult result;
  int64_t step = start;
  int64_t last_logged = -1, last_sampled = -1;
  StepStats stats;
  while (step < config_.total_steps) {
    // A stop on any rank stops every rank at this step.
    if (onAnyRank(stopRequested() || !waitWhilePaused())) {
      result.stopped = true;
      break;
    }
    if (dist_) dist_->setStep(step);
    stats = trainer_->step();
    if (cb_.after_step) cb_.after_step(*trainer_);
    // Stop at once on NaN/Inf: nothing of this step is logged, sampled or saved. Every rank rolls back together.
    std::string bad = nonFiniteStats(stats);
    if (bad.empty()) bad = trainer_->nonFiniteWeights();
    if (onAnyRank(!bad.empty())) {
      rollBack(stats.step, bad.empty() ? "weights on another rank" : bad);
      step = trainer_->stepCount();
      last_logged = last_sampled = step;  // the checkpoint's step was logged and sampled before
      continue;
    }
    step = stats.step;
    if (cb_.on_step) cb_.on_step(stats);
    if (writer()) {
      health_->afterStep(stats);
      if (step % config_.log_every == 0) {
        metrics_->append(metricsLine(stats));
        if (events_) events_->poll();
        last_logged = step;
      }
      if (step % config_.sample_every == 0) {
        writeSamples(step);
        last_sampled = step;
      }
      if (step % config_.health_every == 0) measureHealth();
      if (config_.quality_every > 0 && step % config_.quality_every == 0) measureQuality();
    }
    if (step % config_.checkpoint_every == 0) writeCheckpoint(step);
  }

  // Finish with a metrics point, a grid, a health record and a checkpoint of the final step (unless they exist).
  if (writer()) {
    if (step > start && last_logged != step) metrics_->append(metricsLine(stats));
    if (step > start && last_sampled != step) writeSamples(step);
    if (step > start && health_->lastMeasured() != step) measureHealth();
    if (step > start && quality_ && quality_->lastMeasured() != step) measureQuality();
    if (events_) events_->flush();
  }
  if (last_checkpoint_step_ != step) writeCheckpoint(step);

  result.steps_done = step;
  result.last_checkpoint = last_checkpoint_;
  if (health_) result.alarms = health_->alarms();
  result.rollbacks = rollbacks_;
  return result;
}

}  // namespace

RunResult trainRun(const TrainConfig& config, const std::string& run_dir, bool resume, const RunCallbacks& cb,
                   std::shared_ptr<DistGroup> dist) {
  if (run_dir.empty()) throw GanscopeError("no run folder given");
  const std::vector<std::string> existing = listCheckpoints(run_dir);
  TrainConfig effective = config;
  std::string resume_from;
  if (resume) {
    if (!fs::is_directory(run_dir)) throw fileError(run_dir, "no such run folder to resume");
    if (existing.empty())
      throw fileError(run_dir, "has no checkpoints to resume from (checkpoints/ is empty); start a new run instead");
    resume_from = existing.back();
    effective = resumedConfig(resume_from, config);
    refuseForeignCheckpoint(resume_from, effective, run_dir);
  } else if (!existing.empty()) {
    throw fileError(run_dir, "already holds a run with checkpoints (newest " +
                                 fs::path(existing.back()).filename().string() +
                                 "); resume it or choose another folder");
  }
  if (isTranslationModel(effective.model.kind)) {
    if (dist)
      throw GanscopeError(toString(effective.model.kind) + " does not train data-parallel yet: run it as one process");
    return trainTranslationRun(effective, run_dir, resume, resume_from, cb);
  }
  return RunLoop(effective, run_dir, cb, std::move(dist)).run(resume, resume_from);
}

RunResult continueRunWithOptim(const TrainConfig& config, const std::string& run_dir, const RunCallbacks& cb) {
  const std::vector<std::string> existing = listCheckpoints(run_dir);
  if (existing.empty())
    throw fileError(run_dir, "has no checkpoints to continue from (checkpoints/ is empty); start a new run instead");
  TrainConfig effective = resumedConfig(existing.back(), config);
  effective.optim = config.optim;
  if (isTranslationModel(effective.model.kind))
    return trainTranslationRun(effective, run_dir, true, existing.back(), cb);
  return RunLoop(effective, run_dir, cb, nullptr).run(true, existing.back());
}

}  // namespace gs

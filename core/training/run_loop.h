#pragma once
// Trains a run folder from start to finish (or to a stop request): loads the dataset, builds or resumes the
// Trainer, logs metrics, writes sample grids and checkpoints, measures the run's health and raises alarms, and
// rolls back to the last checkpoint when a loss or weight turns NaN or infinite. Used by ganscope-cli and the
// desktop app alike. No LibTorch types here, so UI code can include it cheaply.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "metrics/health_record.h"
#include "metrics/alarm.h"
#include "metrics/quality_record.h"
#include "training/step_stats.h"
#include "util/image.h"

namespace gs {

struct DatasetSummary;
class DistGroup;
class Trainer;

struct RunCallbacks {
  // Dataset decoding progress: done, total files.
  std::function<void(int64_t done, int64_t total)> on_load_progress;
  // After the dataset is loaded (counts, skipped files and reasons).
  std::function<void(const DatasetSummary&)> on_dataset;
  // Every step (the caller throttles what it shows).
  std::function<void(const StepStats&)> on_step;
  // A fixed-latent sample grid from the EMA generator (RGB/gray/RGBA, grid_size x grid_size, 2 px padding).
  std::function<void(const ImageU8& grid, int64_t step)> on_samples;
  std::function<void(const std::string& path, int64_t step)> on_checkpoint;
  // Every health_every steps (also written to health.jsonl): diversity ratios, the near-duplicate groups of the
  // sample grid's cells (row-major indices, the grid of on_samples), birthday estimate, D output histograms.
  std::function<void(const HealthRecord&)> on_health;
  // An alarm as it is raised: mode collapse, D wins, oscillation, or non-finite numbers (its message then says
  // which checkpoint training rolled back to and the new learning rates).
  std::function<void(const Alarm&)> on_alarm;
  // Every quality_every steps (also written to quality.jsonl): SWD of the EMA generator against real images,
  // whether it is the best so far (then saved as checkpoints/best.gsck) and a hint when quality stops improving.
  std::function<void(const QualityRecord&)> on_quality;
  // Polled every step: true makes the run write a checkpoint and return.
  std::function<bool()> should_stop;
  // Polled every step: while true the loop sleeps (no CPU) and keeps polling should_stop.
  std::function<bool()> is_paused;
  // Tests and tools: called after every step with the trainer (for example to inject a fault).
  std::function<void(Trainer&)> after_step;
};

struct RunResult {
  int64_t steps_done = 0;       // step count when the run returned
  bool stopped = false;         // true when should_stop ended it before total_steps
  std::string last_checkpoint;  // path of the newest checkpoint ("" if none written)
  std::vector<Alarm> alarms;    // every alarm raised, oldest first
  int rollbacks = 0;            // times training rolled back after NaN/Inf
};

// Creates run_dir (config.json, metrics.jsonl, samples/, checkpoints/) or, with resume, continues from its
// newest checkpoint with the config stored there (config.total_steps may be raised). Throws GanscopeError with
// a clear message on bad data, bad config or a damaged checkpoint, and when training diverges with no checkpoint
// to roll back to (or diverges again after several rollbacks).
//
// With a DistGroup every rank of a data-parallel run calls this with the same arguments (the run folder on a
// filesystem every rank sees): each trains its shard (Trainer), rank 0 alone writes the run folder (config,
// metrics, samples, health, alarms, quality, checkpoints) and measures health; a stop request or a non-finite
// number on any rank reaches every rank in the same step, so all stop, or all roll back to the same checkpoint.
// A rank that dies or hangs makes the others throw DistError naming it.
RunResult trainRun(const TrainConfig& config, const std::string& run_dir, bool resume, const RunCallbacks& cb,
                   std::shared_ptr<DistGroup> dist = nullptr);
// Resumes run_dir from its newest checkpoint like trainRun(..., resume=true), but trains on with the optimiser
// settings of `config` (loss, learning rates, betas, D steps, penalties, EMA) instead of the stored ones: a remedy
// applied to a run (core/metrics/remedies.h). Throws GanscopeError when the networks no longer fit the checkpoint.
RunResult continueRunWithOptim(const TrainConfig& config, const std::string& run_dir, const RunCallbacks& cb);

}  // namespace gs

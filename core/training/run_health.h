#pragma once
// The health side of a training run: feeds the TrainingHealthMonitor with losses (averaged over each log
// interval, so step noise doesn't read as oscillation) and, every health_every steps, with a health measurement
// of the fixed grid against a fixed real batch, written to health.jsonl and handed to the callbacks.
#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "metrics/health_probe.h"
#include "metrics/training_health.h"
#include "training/run_folder.h"
#include "training/run_loop.h"

namespace gs {

class ImageDataset;
class JsonlAppender;
class Trainer;

// Class-conditional runs (metrics/class_coverage.h): labelled real images for the class centroids of D's features
// (32 per class on average, drawn from the run's seed), and the per-class coverage of the trainer's EMA generator
// against them, written into `r` (latents from `seed`, every class asked equally).
struct LabelledReals {
  at::Tensor images, labels;  // undefined without labels
};
LabelledReals coverageReals(const ImageDataset& data, uint64_t run_seed);
// The EMA generator's images of `z` for the health measures: the fixed grid's latents with the grid's classes
// (one row per class for a conditional model, so duplicate groups name the cells the grid shows), any other
// latents as Trainer::sample(z) draws them.
at::Tensor sampleForHealth(Trainer& trainer, const at::Tensor& z, const at::Tensor& fixed_z);
void measureClassCoverage(Trainer& trainer, const LabelledReals& reals, uint64_t seed, HealthRecord& r);

class RunHealth {
 public:
  RunHealth(const TrainConfig& config, const RunPaths& paths, const ImageDataset& data, const RunCallbacks& cb);
  ~RunHealth();

  // After each finite step: accumulates, and feeds the monitor at log steps.
  void afterStep(const StepStats& stats);
  // Measures the grid of `fixed_z` against the real batch, appends to health.jsonl, calls on_health, feeds
  // the monitor (losses accumulated since the last feed included).
  HealthRecord measure(Trainer& trainer, const at::Tensor& fixed_z);
  // Raises the non-finite alarm, with what was done about it appended to its message.
  void reportNonFinite(int64_t step, const std::string& what, const std::string& recovery);
  // After a rollback or resume to `step`: cuts health.jsonl back and forgets later observations.
  void rewind(int64_t step);

  // Every alarm raised in this session, as reported.
  const std::vector<Alarm>& alarms() const { return alarms_; }
  int64_t lastMeasured() const { return last_measured_; }

 private:
  void feed(HealthSample sample);
  void emit(const Alarm& alarm);

  TrainConfig config_;
  RunPaths paths_;
  const RunCallbacks& cb_;
  TrainingHealthMonitor monitor_;
  HealthProbeOptions probe_;
  at::Tensor real_;  // fixed real batch, so measurements compare like with like over the run
  LabelledReals class_reals_;  // for the per-class coverage of conditional runs
  std::unique_ptr<JsonlAppender> writer_;
  std::unique_ptr<JsonlAppender> alarm_writer_;  // alarms.jsonl, for followers of the run folder
  HealthSample sums_;  // loss sums since the last feed
  int count_ = 0;
  int64_t last_measured_ = -1;
  std::vector<Alarm> alarms_;
};

}  // namespace gs

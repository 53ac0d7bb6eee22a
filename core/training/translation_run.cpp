#include "training/translation_run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "tensorboard/event_file.h"
#include "tensorboard/run_events.h"
#include "export/png_export.h"
#include "metrics/alarm_record.h"
#include "training/checkpoint.h"
#include "training/jsonl_file.h"
#include "training/run_files.h"
#include "training/translation_setup.h"
#include "util/atomic_file.h"
#include "util/device.h"
#include "util/error.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

class TranslationRunLoop {
 public:
  TranslationRunLoop(TrainConfig config, std::string run_dir, const RunCallbacks& cb,
                     std::function<void(TranslationTrainer&)> after_step)
      : config_(std::move(config)), paths_{std::move(run_dir)}, cb_(cb), after_step_(std::move(after_step)) {}
  RunResult run(bool resume, const std::string& resume_from);

 private:
  bool stopRequested() const { return cb_.should_stop && cb_.should_stop(); }
  bool waitWhilePaused() const {
    while (cb_.is_paused && cb_.is_paused()) {
      if (stopRequested()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  }
  void writeSamples(int64_t step);
  void writeCheckpoint(int64_t step);
  void rollBack(int64_t step, const std::string& what);
  void raise(const Alarm& alarm);

  TrainConfig config_;
  RunPaths paths_;
  const RunCallbacks& cb_;
  std::function<void(TranslationTrainer&)> after_step_;
  TranslationSetup setup_;
  TranslationTrainer* trainer_ = nullptr;  // setup_'s
  std::unique_ptr<JsonlAppender> metrics_;
  std::unique_ptr<JsonlAppender> alarms_;
  std::unique_ptr<RunEvents> events_;  // the TensorBoard view (when this build has it)
  std::string last_checkpoint_;
  std::vector<Alarm> raised_;
  int rollbacks_ = 0;
  int rollbacks_in_a_row_ = 0;
};

void TranslationRunLoop::writeSamples(int64_t step) {
  const ImageU8 grid = setup_.grid(*trainer_);
  PngText text = standardExportText();
  text.emplace_back("Step", std::to_string(step));
  text.emplace_back("Seed", std::to_string(config_.seed));
  text.emplace_back("Columns", setup_.columns);
  writePng(paths_.sampleFile(step), grid, text);
  if (events_) events_->image(step, grid);
  if (cb_.on_samples) cb_.on_samples(grid, step);
}

void TranslationRunLoop::writeCheckpoint(int64_t step) {
  const std::string path = paths_.checkpointFile(step);
  trainer_->save(path);
  if (events_) events_->flush();
  last_checkpoint_ = path;
  rollbacks_in_a_row_ = 0;
  pruneCheckpoints(listCheckpoints(paths_.root), config_.keep_checkpoints);
  if (cb_.on_checkpoint) cb_.on_checkpoint(path, step);
}

void TranslationRunLoop::raise(const Alarm& alarm) {
  raised_.push_back(alarm);
  alarms_->append(alarmLine(alarm));
  if (cb_.on_alarm) cb_.on_alarm(alarm);
}

void TranslationRunLoop::rollBack(int64_t step, const std::string& what) {
  const std::string problem = "training diverged at step " + std::to_string(step) + " (" + what + " not finite)";
  Alarm alarm{AlarmKind::NonFinite, step, "Training diverged (" + what + " not finite).", {}};
  if (last_checkpoint_.empty()) {
    raise({alarm.kind, step, alarm.message + " No checkpoint to roll back to: training stopped.", {}});
    throw GanscopeError(problem + " before any checkpoint was written; lower the learning rates or checkpoint "
                        "more often");
  }
  if (++rollbacks_in_a_row_ > kMaxRollbacksInARow) {
    raise({alarm.kind, step, alarm.message + " Training stopped after repeated rollbacks.", {}});
    throw fileError(last_checkpoint_, problem + " again after " + std::to_string(kMaxRollbacksInARow) +
                                          " rollbacks to this checkpoint; lower the learning rates further");
  }
  trainer_->load(last_checkpoint_);
  if (config_.nan_lr_scale != 1.0) trainer_->scaleLearningRates(config_.nan_lr_scale);
  config_.optim = trainer_->config().optim;
  writeFileAtomic(paths_.config(), toJson(config_) + "\n");
  const int64_t back = trainer_->stepCount();
  rewindRunFiles(paths_, back, metrics_);
  if (events_) events_->rewind(back);
  ++rollbacks_;
  char rates[96];
  std::snprintf(rates, sizeof rates, "lr_g %.3g, lr_d %.3g", config_.optim.lr_g, config_.optim.lr_d);
  raise({alarm.kind, step,
         alarm.message + " Rolled back to " + fs::path(last_checkpoint_).filename().string() + " (step " +
             std::to_string(back) + ") with " + rates + ".",
         {}});
}

RunResult TranslationRunLoop::run(bool resume, const std::string& resume_from) {
  validate(config_);
  setCpuThreads(config_.threads);

  // Decode the data first: a bad folder should fail before anything is written.
  setup_ = setUpTranslation(config_, cb_.on_load_progress, cb_.should_stop);
  if (cb_.on_dataset) cb_.on_dataset(setup_.summary);
  trainer_ = setup_.trainer.get();
  if (resume) {
    trainer_->load(resume_from);
    last_checkpoint_ = resume_from;
  }
  const int64_t start = trainer_->stepCount();
  const TrainConfig requested = config_;
  config_ = trainer_->config();
  copyRunSettings(requested, config_);
  config_.total_steps = std::max(config_.total_steps, start);

  makeDirs(paths_.samples());
  makeDirs(paths_.checkpoints());
  for (const std::string& dir : {paths_.root, paths_.samples(), paths_.checkpoints()}) removeStaleTempFiles(dir);
  writeFileAtomic(paths_.config(), toJson(config_) + "\n");
  if (resume) {
    truncateMetrics(paths_, start);
    truncateJsonl(paths_.alarms(), start, [](const std::string& line, int64_t& s) {
      Alarm a;
      if (!parseAlarmLine(line, a)) return false;
      s = a.step;
      return true;
    });
    removeSamplesAfter(paths_.root, start);
  } else {
    for (const std::string& f : {paths_.metrics(), paths_.health(), paths_.alarms(), paths_.quality()})
      writeFileAtomic(f, "");
    removeSamplesAfter(paths_.root, -1);
  }
  metrics_ = std::make_unique<JsonlAppender>(paths_.metrics());
  alarms_ = std::make_unique<JsonlAppender>(paths_.alarms());
  if (tensorboardAvailable()) events_ = std::make_unique<RunEvents>(paths_, resume ? start : -1);

  RunResult result;
  int64_t step = start, last_logged = -1, last_sampled = -1;
  StepStats stats;
  while (step < config_.total_steps) {
    if (stopRequested() || !waitWhilePaused()) {
      result.stopped = true;
      break;
    }
    stats = trainer_->step();
    if (after_step_) after_step_(*trainer_);
    std::string bad = nonFiniteStats(stats);
    if (bad.empty()) bad = trainer_->nonFiniteWeights();
    if (!bad.empty()) {
      rollBack(stats.step, bad);
      step = last_logged = last_sampled = trainer_->stepCount();
      continue;
    }
    step = stats.step;
    if (cb_.on_step) cb_.on_step(stats);
    if (step % config_.log_every == 0) {
      metrics_->append(metricsLine(stats));
      if (events_) events_->poll();
      last_logged = step;
    }
    if (step % config_.sample_every == 0) {
      writeSamples(step);
      last_sampled = step;
    }
    if (step % config_.checkpoint_every == 0) writeCheckpoint(step);
  }
  if (step > start && last_logged != step) metrics_->append(metricsLine(stats));
  if (step > start && last_sampled != step) writeSamples(step);
  if (!fs::exists(paths_.checkpointFile(step))) writeCheckpoint(step);
  if (last_checkpoint_.empty()) last_checkpoint_ = paths_.checkpointFile(step);
  if (events_) events_->flush();

  result.steps_done = step;
  result.last_checkpoint = last_checkpoint_;
  result.alarms = raised_;
  result.rollbacks = rollbacks_;
  return result;
}

}  // namespace

RunResult trainTranslationRun(const TrainConfig& config, const std::string& run_dir, bool resume,
                              const std::string& resume_from, const RunCallbacks& cb,
                              const std::function<void(TranslationTrainer&)>& after_step) {
  return TranslationRunLoop(config, run_dir, cb, after_step).run(resume, resume_from);
}

}  // namespace gs

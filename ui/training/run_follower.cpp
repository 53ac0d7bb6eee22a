#include "ui/training/run_follower.h"

#include <QFileInfo>
#include <QTimer>

#include "ui/widgets/core_types.h"
#include "export/png_export.h"
#include "training/run_folder.h"

namespace gs {

RunFollower::RunFollower(QObject* parent) : QObject(parent), timer_(new QTimer(this)) {
  registerCoreMetaTypes();
  timer_->setInterval(1000);
  connect(timer_, &QTimer::timeout, this, &RunFollower::pollNow);
}

RunFollower::~RunFollower() = default;

bool RunFollower::attach(const QString& run_dir, QString* error) {
  detach();
  RunPaths paths{run_dir.toStdString()};
  if (!isRunFolder(paths.root)) {
    if (error) *error = run_dir + ": not a run folder (no metrics.jsonl or config.json)";
    return false;
  }
  run_dir_ = run_dir;
  tail_ = std::make_unique<MetricsTail>(paths.metrics());
  health_tail_ = std::make_unique<HealthTail>(paths.health());
  quality_tail_ = std::make_unique<QualityTail>(paths.quality());
  alarm_tail_ = std::make_unique<AlarmTail>(paths.alarms());
  pollNow();
  timer_->start();
  return true;
}

void RunFollower::detach() {
  timer_->stop();
  tail_.reset();
  health_tail_.reset();
  quality_tail_.reset();
  alarm_tail_.reset();
  run_dir_.clear();
  last_sample_.clear();
  last_checkpoint_.clear();
}

void RunFollower::pollNow() {
  if (!tail_) return;
  const std::string dir = run_dir_.toStdString();
  try {
    const auto fresh = tail_->poll();
    if (!fresh.empty()) Q_EMIT stepsReady(QVector<StepStats>(fresh.begin(), fresh.end()));
    const auto health = health_tail_->poll();
    if (health_tail_->wasReset()) Q_EMIT healthReset();
    for (const HealthRecord& record : health) Q_EMIT healthReady(record);
    const auto quality = quality_tail_->poll();
    if (quality_tail_->wasReset()) Q_EMIT qualityReset();
    for (const QualityRecord& record : quality) Q_EMIT qualityReady(record);
    for (const Alarm& alarm : alarm_tail_->poll()) Q_EMIT alarmRaised(alarm);
    const auto samples = listSamples(dir);
    if (!samples.empty() && QString::fromStdString(samples.back()) != last_sample_) {
      last_sample_ = QString::fromStdString(samples.back());
      // The step is in the name: samples/step_000250.png.
      const qint64 step = QFileInfo(last_sample_).baseName().section('_', 1).toLongLong();
      Q_EMIT samplesUpdated(toQImage(readPng(samples.back())), step);
    }
    // The newest generator: a checkpoint, or the snapshot written with a newer sample grid.
    const auto checkpoints = listCheckpoints(dir);
    const auto snapshots = listSnapshots(dir);
    std::string newest = checkpoints.empty() ? std::string() : checkpoints.back();
    if (!snapshots.empty() && (newest.empty() || stepOfFile(snapshots.back()) > stepOfFile(newest)))
      newest = snapshots.back();
    if (!newest.empty() && QString::fromStdString(newest) != last_checkpoint_) {
      last_checkpoint_ = QString::fromStdString(newest);
      Q_EMIT checkpointUpdated(last_checkpoint_);
    }
  } catch (const std::exception&) {
    // A file caught mid-write: the next poll reads it whole (files are written atomically, but be lenient).
  }
}

}  // namespace gs

#pragma once
// Follows a run folder that another process (ganscope-cli) is writing, the way TensorBoard follows a log
// folder: a timer polls metrics.jsonl, health.jsonl and alarms.jsonl for new lines and the samples/ and checkpoints/ folders for newer files.
#include <QImage>
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>

#include "metrics/health_record.h"
#include "training/run_folder.h"
#include "training/step_stats.h"

class QTimer;

namespace gs {

class RunFollower : public QObject {
  Q_OBJECT
 public:
  explicit RunFollower(QObject* parent = nullptr);
  ~RunFollower() override;

  // Starts following (replays the existing metrics first); false with a message if it is not a run folder.
  bool attach(const QString& run_dir, QString* error);
  void detach();
  bool isAttached() const { return !run_dir_.isEmpty(); }
  QString runDir() const { return run_dir_; }
  void pollNow();

 Q_SIGNALS:
  void stepsReady(QVector<gs::StepStats> steps);
  // health.jsonl was cut back (a resume or rollback): drop the health records shown so far; the file's records
  // follow again as healthReady.
  void healthReset();
  void healthReady(gs::HealthRecord record);
  // quality.jsonl, likewise: cut back (drop what was shown), then each record.
  void qualityReset();
  void qualityReady(gs::QualityRecord record);
  // An alarm the run raised (replayed from the start of alarms.jsonl on attach).
  void alarmRaised(gs::Alarm alarm);
  void samplesUpdated(QImage grid, qint64 step);
  void checkpointUpdated(QString path);  // the newest checkpoint, or the newer generator snapshot of a grid

 private:
  QString run_dir_;
  std::unique_ptr<MetricsTail> tail_;
  std::unique_ptr<HealthTail> health_tail_;
  std::unique_ptr<QualityTail> quality_tail_;
  std::unique_ptr<AlarmTail> alarm_tail_;
  QString last_sample_, last_checkpoint_;
  QTimer* timer_;
};

}  // namespace gs

#pragma once
// Runs trainRun on a worker QObject moved to a QThread that this controller owns. The worker's callbacks turn
// into queued signals; steps are batched (the GUI is woken at most once per pending batch, never once per
// step), and stop/pause are atomic flags polled by the run loop every step.
#include <QImage>
#include <QObject>
#include <QThread>
#include <QVector>

#include <atomic>
#include <memory>
#include <mutex>

#include "config.h"
#include "metrics/health_record.h"
#include "metrics/alarm.h"
#include "metrics/quality_record.h"
#include "training/step_stats.h"

namespace gs {

struct DatasetSummary;

// How a run starts: a fresh folder, a plain resume (stored config), or a resume with the optimiser settings of
// the given config (a remedy: continueRunWithOptim).
enum class RunStart { New, Resume, ContinueWithOptim };

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  TrainingWorker(TrainConfig config, QString run_dir, RunStart mode, std::shared_ptr<std::atomic<bool>> stop,
                 std::shared_ptr<std::atomic<bool>> pause);
  QVector<StepStats> takeSteps();

 public Q_SLOTS:
  void run();

 Q_SIGNALS:
  void loadProgress(qint64 done, qint64 total);
  void datasetReady(qint64 images, int channels, QString summary);
  void stepsAvailable();
  void samplesReady(QImage grid, qint64 step);
  void checkpointWritten(QString path, qint64 step);
  void healthReady(gs::HealthRecord record);
  void qualityReady(gs::QualityRecord record);
  void alarmRaised(gs::Alarm alarm);
  void finished(qint64 steps_done, bool stopped, QString last_checkpoint, QString error);

 private:
  TrainConfig config_;
  QString run_dir_;
  RunStart mode_;
  std::shared_ptr<std::atomic<bool>> stop_, pause_;
  std::mutex steps_mutex_;
  QVector<StepStats> steps_;
  std::atomic<bool> notify_pending_{false};
};

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;  // stops a running training and waits for it

  // Starts training into run_dir (created); false if one is already running.
  bool start(const TrainConfig& config, const QString& run_dir, bool resume = false);
  bool start(const TrainConfig& config, const QString& run_dir, RunStart mode);
  // The config and folder of the current or last run started here (empty folder: none yet).
  const TrainConfig& lastConfig() const { return last_config_; }
  QString lastRunDir() const { return last_run_dir_; }
  void setPaused(bool paused);
  void stop();
  bool isRunning() const { return thread_ != nullptr; }
  bool isPaused() const { return pause_ && *pause_; }
  // Blocks until the worker thread has ended (tests, shutdown).
  void waitForFinished();
  // A fresh run folder: ~/.local/share/GANscope/runs/yyyyMMdd-hhmmss (the generic data location).
  static QString defaultRunDir();

 Q_SIGNALS:
  void loadProgress(qint64 done, qint64 total);
  void datasetReady(qint64 images, int channels, QString summary);
  void stepsReady(QVector<gs::StepStats> steps);
  void samplesReady(QImage grid, qint64 step);
  void checkpointWritten(QString path, qint64 step);
  void healthReady(gs::HealthRecord record);
  void qualityReady(gs::QualityRecord record);
  void alarmRaised(gs::Alarm alarm);
  void runFinished(qint64 steps_done, bool stopped, QString last_checkpoint, QString error);
  void runningChanged(bool running);

 private:
  void onFinished(qint64 steps_done, bool stopped, const QString& last_checkpoint, const QString& error);

  QThread* thread_ = nullptr;
  TrainingWorker* worker_ = nullptr;
  std::shared_ptr<std::atomic<bool>> stop_, pause_;
  TrainConfig last_config_;
  QString last_run_dir_;
};

}  // namespace gs

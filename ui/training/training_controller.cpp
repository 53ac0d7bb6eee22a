#include "ui/training/training_controller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

#include "ui/widgets/core_types.h"
#include "data/image_dataset.h"
#include "training/run_loop.h"

namespace gs {

TrainingWorker::TrainingWorker(TrainConfig config, QString run_dir, RunStart mode,
                               std::shared_ptr<std::atomic<bool>> stop, std::shared_ptr<std::atomic<bool>> pause)
    : config_(std::move(config)), run_dir_(std::move(run_dir)), mode_(mode), stop_(std::move(stop)),
      pause_(std::move(pause)) {}

QVector<StepStats> TrainingWorker::takeSteps() {
  std::lock_guard<std::mutex> lock(steps_mutex_);
  notify_pending_ = false;
  QVector<StepStats> out;
  out.swap(steps_);
  return out;
}

void TrainingWorker::run() {
  RunCallbacks cb;
  int64_t last_percent = -1;
  cb.on_load_progress = [&](int64_t done, int64_t total) {
    const int64_t percent = total > 0 ? done * 100 / total : 0;
    if (percent == last_percent && done != total) return;
    last_percent = percent;
    Q_EMIT loadProgress(done, total);
  };
  cb.on_dataset = [this](const DatasetSummary& s) {
    Q_EMIT datasetReady(s.images_used, s.channels,
                        QString("%1 images used, %2 skipped%3")
                            .arg(s.images_used)
                            .arg(s.skipped.size())
                            .arg(s.note.empty() ? QString() : QString::fromStdString(" \u00B7 " + s.note)));
  };
  cb.on_step = [this](const StepStats& s) {
    {
      std::lock_guard<std::mutex> lock(steps_mutex_);
      steps_.push_back(s);
    }
    if (!notify_pending_.exchange(true)) Q_EMIT stepsAvailable();
  };
  cb.on_samples = [this](const ImageU8& grid, int64_t step) { Q_EMIT samplesReady(toQImage(grid), step); };
  cb.on_checkpoint = [this](const std::string& path, int64_t step) {
    Q_EMIT checkpointWritten(QString::fromStdString(path), step);
  };
  cb.on_health = [this](const HealthRecord& record) { Q_EMIT healthReady(record); };
  cb.on_quality = [this](const QualityRecord& record) { Q_EMIT qualityReady(record); };
  cb.on_alarm = [this](const Alarm& alarm) { Q_EMIT alarmRaised(alarm); };
  auto stop = stop_;
  auto pause = pause_;
  cb.should_stop = [stop] { return stop->load(); };
  cb.is_paused = [pause] { return pause->load(); };
  try {
    const std::string dir = run_dir_.toStdString();
    const RunResult result = mode_ == RunStart::ContinueWithOptim ? continueRunWithOptim(config_, dir, cb)
                                                                  : trainRun(config_, dir, mode_ == RunStart::Resume, cb);
    Q_EMIT finished(result.steps_done, result.stopped, QString::fromStdString(result.last_checkpoint), QString());
  } catch (const std::exception& e) {
    Q_EMIT finished(0, *stop_, QString(), QString::fromStdString(e.what()));
  }
  // End the thread's event loop here, so the controller can wait() without the GUI thread's help.
  thread()->quit();
}

TrainingController::TrainingController(QObject* parent) : QObject(parent) { registerCoreMetaTypes(); }

TrainingController::~TrainingController() {
  // No signals from a destructor: stop, wait, free.
  stop();
  if (thread_) {
    thread_->wait();
    delete worker_;
    delete thread_;
  }
}

QString TrainingController::defaultRunDir() {
  // ~/.local/share/GANscope/runs/<time>: AppLocalDataLocation would add the organisation and the application
  // name, both "GANscope" (GANscope/GANscope).
  const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
  return QDir(base).filePath("GANscope/runs/" + QDateTime::currentDateTime().toString("yyyyMMdd-hhmmss"));
}

bool TrainingController::start(const TrainConfig& config, const QString& run_dir, bool resume) {
  return start(config, run_dir, resume ? RunStart::Resume : RunStart::New);
}

bool TrainingController::start(const TrainConfig& config, const QString& run_dir, RunStart mode) {
  if (thread_) return false;
  last_config_ = config;
  last_run_dir_ = run_dir;
  stop_ = std::make_shared<std::atomic<bool>>(false);
  pause_ = std::make_shared<std::atomic<bool>>(false);
  thread_ = new QThread;
  thread_->setObjectName("training");
  worker_ = new TrainingWorker(config, run_dir, mode, stop_, pause_);
  worker_->moveToThread(thread_);
  connect(thread_, &QThread::started, worker_, &TrainingWorker::run);
  connect(worker_, &TrainingWorker::loadProgress, this, &TrainingController::loadProgress);
  connect(worker_, &TrainingWorker::datasetReady, this, &TrainingController::datasetReady);
  connect(worker_, &TrainingWorker::samplesReady, this, &TrainingController::samplesReady);
  connect(worker_, &TrainingWorker::checkpointWritten, this, &TrainingController::checkpointWritten);
  connect(worker_, &TrainingWorker::healthReady, this, &TrainingController::healthReady);
  connect(worker_, &TrainingWorker::qualityReady, this, &TrainingController::qualityReady);
  connect(worker_, &TrainingWorker::alarmRaised, this, &TrainingController::alarmRaised);
  TrainingWorker* worker = worker_;
  connect(worker_, &TrainingWorker::stepsAvailable, this, [this, worker] {
    if (worker != worker_) return;
    auto steps = worker->takeSteps();
    if (!steps.isEmpty()) Q_EMIT stepsReady(steps);
  });
  connect(worker_, &TrainingWorker::finished, this, &TrainingController::onFinished);
  thread_->start();
  Q_EMIT runningChanged(true);
  return true;
}

void TrainingController::setPaused(bool paused) {
  if (pause_) *pause_ = paused;
}

void TrainingController::stop() {
  if (stop_) *stop_ = true;
  if (pause_) *pause_ = false;
}

void TrainingController::waitForFinished() {
  if (!thread_) return;
  thread_->wait();  // run() quits its own thread after should_stop or the last step
  QCoreApplication::sendPostedEvents(this);  // delivers the queued finished signal: onFinished
}

void TrainingController::onFinished(qint64 steps_done, bool stopped, const QString& last_checkpoint,
                                    const QString& error) {
  if (!thread_) return;
  // Steps that arrived after the last wake-up.
  auto rest = worker_->takeSteps();
  if (!rest.isEmpty()) Q_EMIT stepsReady(rest);
  thread_->quit();
  thread_->wait();
  delete worker_;
  delete thread_;
  worker_ = nullptr;
  thread_ = nullptr;
  Q_EMIT runFinished(steps_done, stopped, last_checkpoint, error);
  Q_EMIT runningChanged(false);
}

}  // namespace gs

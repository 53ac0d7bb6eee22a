#include "ui/health/remedy_runner.h"

#include <QDir>
#include <QFileInfo>

#include "metrics/remedies.h"
#include "training/run_folder.h"

namespace gs {

RemedyRunner::RemedyRunner(TrainingController* training, QObject* parent) : QObject(parent), training_(training) {
  connect(training_, &TrainingController::runFinished, this, [this] {
    // Queued: the controller finishes its own bookkeeping (runningChanged) after this signal.
    if (waiting_) QMetaObject::invokeMethod(this, &RemedyRunner::startPending, Qt::QueuedConnection);
  });
}

QString RemedyRunner::siblingDir(const QString& run_dir, const QString& name) {
  const QString base = QDir::cleanPath(run_dir) + "-" + name;
  QString dir = base;
  for (int i = 2; QFileInfo::exists(dir); ++i) dir = base + "-" + QString::number(i);
  return dir;
}

RemedyRunner::Plan RemedyRunner::plan(const QString& name, const TrainConfig& config, const QString& run_dir,
                                      bool ours) {
  Plan p;
  p.config = config;
  RemedyPlan remedy;
  try {
    remedy = applyRemedy(name.toStdString(), p.config);
  } catch (const std::exception& e) {
    p.message = QString::fromStdString(e.what());
    return p;
  }
  const QString what = QString::fromStdString(remedy.description);
  p.changed = remedy.changed;
  if (!p.changed) {
    p.message = QString("Nothing to change: this run already %1").arg(what);
    return p;
  }
  p.continued = remedy.continues_checkpoint && ours;
  p.run_dir = p.continued ? run_dir : siblingDir(run_dir, name);
  p.message = p.continued
                  ? QString("Continuing %1 from its last checkpoint: the run now %2").arg(run_dir, what)
                  : QString("New run %1 beside %2 (the networks change, so the checkpoint does not fit): it %3")
                        .arg(QFileInfo(p.run_dir).fileName(), QFileInfo(run_dir).fileName(), what);
  return p;
}

RemedyRunner::Plan RemedyRunner::apply(const QString& name, const TrainConfig& config, const QString& run_dir,
                                       bool ours) {
  Plan p = plan(name, config, run_dir, ours);
  if (!p.changed) return p;
  pending_ = p;
  waiting_ = true;
  // A running training checkpoints when stopped; the remedied run starts once it has finished.
  if (training_->isRunning()) {
    training_->stop();
  } else {
    startPending();
  }
  return p;
}

void RemedyRunner::startPending() {
  waiting_ = false;
  const Plan p = pending_;
  if (p.continued && listCheckpoints(p.run_dir.toStdString()).empty()) {
    Q_EMIT failed(p.run_dir + ": no checkpoint to continue from; start a new run instead");
    return;
  }
  Q_EMIT starting(p);
  QDir().mkpath(p.run_dir);
  if (!training_->start(p.config, p.run_dir, p.continued ? RunStart::ContinueWithOptim : RunStart::New))
    Q_EMIT failed("A training is still running: stop it first");
}

}  // namespace gs

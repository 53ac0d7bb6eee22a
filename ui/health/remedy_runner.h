#pragma once
// Applies a remedy from an alarm to a run in one click: applyRemedy changes the run's config; when the networks
// still fit the last checkpoint, the run stops and continues in the same folder with the changed settings
// (RunStart::ContinueWithOptim), else a new run starts in a sibling folder (RUN-wgan-gp, RUN-mbstd-2, ...) so
// the two can be compared. A running training is stopped first (it writes its checkpoint), then the next starts.
#include <QObject>
#include <QString>

#include "config.h"
#include "ui/training/training_controller.h"

namespace gs {

class RemedyRunner : public QObject {
  Q_OBJECT
 public:
  explicit RemedyRunner(TrainingController* training, QObject* parent = nullptr);

  struct Plan {
    bool changed = false;   // false: the remedy is already in place, nothing starts
    bool continued = false; // same folder from its last checkpoint (else a new sibling run)
    QString run_dir;        // where the remedied run trains
    TrainConfig config;     // its config
    QString message;        // for the status line
  };
  // Plans remedy `name` for the run in `run_dir` trained with `config`. `ours`: the run is (or was) trained by
  // this app, so it may be continued; a run followed from ganscope-cli always gets a sibling.
  static Plan plan(const QString& name, const TrainConfig& config, const QString& run_dir, bool ours);
  // Plans and carries it out (stopping a running training first). Returns the plan; throws nothing.
  Plan apply(const QString& name, const TrainConfig& config, const QString& run_dir, bool ours);
  // "RUN-name", or "RUN-name-2" and so on when that exists.
  static QString siblingDir(const QString& run_dir, const QString& name);

 Q_SIGNALS:
  // Just before the remedied run starts: the window resets what belongs to the old run.
  void starting(const gs::RemedyRunner::Plan& plan);
  void failed(const QString& message);

 private:
  void startPending();

  TrainingController* training_;
  Plan pending_;
  bool waiting_ = false;
};

}  // namespace gs

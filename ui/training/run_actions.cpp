#include "ui/training/run_actions.h"

#include <QDir>

#include <algorithm>

#include "training/run_folder.h"
#include "ui/explore/explorer_controller.h"
#include "ui/training/charts_panel.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_follower.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/window_shell.h"

namespace gs {
namespace {

// What an image-to-image run's sample grid columns hold ("" for a latent model).
QString gridColumns(ModelKind kind) {
  if (kind == ModelKind::Pix2Pix) return "input | output | target of pairs held aside from training";
  if (kind == ModelKind::CycleGan)
    return "A rows, then B rows: input | translated | round trip, of images held aside from training";
  return {};
}

}  // namespace

RunActions::RunActions(WindowShell& shell, Parts parts, QObject* parent)
    : QObject(parent), shell_(shell), p_(std::move(parts)) {
  connectTraining();
}

void RunActions::connectTraining() {
  TrainingController* training = p_.training;
  TrainingPanel* panel = p_.panel;
  connect(panel, &TrainingPanel::startRequested, this, [this] { startTraining(); });
  connect(panel, &TrainingPanel::pauseToggled, this, [training, panel](bool paused) {
    training->setPaused(paused);
    panel->showMessage(paused ? "Paused (no CPU used)" : "Resumed");
  });
  connect(panel, &TrainingPanel::stopRequested, this, [training, panel] {
    training->stop();
    panel->showMessage("Stopping: writing a checkpoint\u2026");
  });
  connect(training, &TrainingController::loadProgress, panel, &TrainingPanel::showLoadProgress);
  connect(training, &TrainingController::datasetReady, this,
          [panel](qint64, int, const QString& summary) { panel->showMessage(summary); });
  connect(training, &TrainingController::stepsReady, this, [this](const QVector<StepStats>& steps) {
    p_.charts->append(steps);
    p_.panel->showStep(steps.back(), total_steps_);
  });
  connect(training, &TrainingController::samplesReady, p_.explorer, &ExplorerController::showTrainingGrid);
  // The explorer follows the live run through its checkpoints.
  connect(training, &TrainingController::checkpointWritten, this,
          [this](const QString& path, qint64) { p_.open_checkpoint(path); });
  connect(training, &TrainingController::runFinished, this, &RunActions::onRunFinished);

  connect(p_.follower, &RunFollower::stepsReady, this, [this](const QVector<StepStats>& steps) {
    p_.charts->append(steps);
    if (total_steps_ > 0) p_.panel->showStep(steps.back(), total_steps_);  // the followed run's progress
  });
  connect(p_.follower, &RunFollower::samplesUpdated, p_.explorer, &ExplorerController::showTrainingGrid);
  connect(p_.follower, &RunFollower::checkpointUpdated, this, [this](const QString& path) { p_.open_checkpoint(path); });
}

bool RunActions::attachRun(const QString& run_dir) {
  QString error;
  if (!isRunFolder(run_dir.toStdString())) {
    shell_.showError(run_dir + ": not a run folder (no metrics.jsonl or config.json)");
    return false;
  }
  // Nothing of the run shown before stays on screen: the followed run's own curves, progress and grids replace
  // it (the follower's first poll, in attach(), already brings them).
  p_.charts->clear();
  p_.panel->clearProgress("following");
  p_.explorer->clearTrainingGrid("Waiting for the followed run's next sample grid\u2026");
  // The run's seed decides its fixed grid latents: grid clicks must open the same latents.
  if (QDir(run_dir).exists("config.json")) {
    try {
      const TrainConfig config = readRunConfig(run_dir.toStdString());
      p_.explorer->setGridRun(config.seed, config.grid_size, gridColumns(config.model.kind));
      total_steps_ = config.total_steps;
      p_.charts->setAdaTarget(config.optim.ada_target);
      p_.panel->setConfig(config);  // show the followed run's settings, not the panel's last ones
    } catch (const std::exception& e) {
      shell_.showError(QString::fromStdString(e.what()));
    }
  }
  if (!p_.follower->attach(run_dir, &error)) {
    shell_.showError(error);
    return false;
  }
  p_.remember("recent/runs", run_dir);
  p_.panel->setRunFolder(run_dir);
  p_.panel->showMessage("Following a run written by another process");
  shell_.showStatus("Following " + run_dir);
  return true;
}

void RunActions::startTraining(const QString& run_dir_in) {
  shell_.clearError();
  if (p_.training->isRunning()) return;
  if (p_.data->folder().isEmpty()) return shell_.showError("Open an image folder first (File \u25B8 Open image folder).");
  TrainConfig config = p_.panel->config();
  config.data.path = p_.data->folder().toStdString();
  try {
    validate(config);
  } catch (const std::exception& e) {
    return shell_.showError(QString::fromStdString(e.what()));
  }
  // The explorer follows a live run through its checkpoints: write one at every sample grid.
  config.checkpoint_every = std::min(config.checkpoint_every, config.sample_every);
  const QString run_dir = run_dir_in.isEmpty() ? TrainingController::defaultRunDir() : run_dir_in;
  QDir().mkpath(run_dir);
  p_.follower->detach();
  p_.charts->clear();
  p_.charts->setAdaTarget(config.optim.ada_target);
  total_steps_ = config.total_steps;
  p_.explorer->setGridRun(config.seed, config.grid_size, gridColumns(config.model.kind));
  p_.panel->setRunFolder(run_dir);
  p_.panel->setRunning(true);
  p_.panel->showMessage("Loading the dataset\u2026");
  if (!p_.explorer->generator())
    p_.explorer->explorerCanvas()->setPlaceholder(
        isTranslationModel(config.model.kind)
            ? QString("Training an image-to-image model: it has no latent space to explore. Its grids are in the "
                      "Samples tab, and the Image to image tab opens it at the first checkpoint (step %1).")
                  .arg(config.checkpoint_every)
            : QString("Training. The explorer opens the live generator at the first checkpoint (step %1).")
                  .arg(config.checkpoint_every));
  p_.remember("recent/runs", run_dir);
  p_.training->start(config, run_dir);
}

void RunActions::onRunFinished(qint64 steps, bool stopped, const QString& checkpoint, const QString& error) {
  p_.panel->setRunning(false);
  if (!error.isEmpty()) {
    shell_.showError("Training stopped: " + error);
    p_.panel->showMessage("Failed: " + error);
    return;
  }
  p_.panel->showMessage(stopped ? QString("Stopped at step %1").arg(steps) : QString("Finished: %1 steps").arg(steps));
  p_.charts->refreshNow();
  if (!checkpoint.isEmpty()) p_.open_checkpoint(checkpoint);
}

}  // namespace gs

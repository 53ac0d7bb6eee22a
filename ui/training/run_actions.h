#pragma once
// Training runs as the window shows them: starts the app's own run from the Data & Training panel, attaches to a
// run folder another process writes, and routes both runs' steps, grids and checkpoints to the charts, the panel
// and the explorer (which follows a run through its checkpoints).
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>

namespace gs {

class ChartsPanel;
class DataPanel;
class ExplorerController;
class RunFollower;
class TrainingController;
class TrainingPanel;
class WindowShell;

class RunActions : public QObject {
  Q_OBJECT
 public:
  struct Parts {
    TrainingController* training = nullptr;
    RunFollower* follower = nullptr;
    DataPanel* data = nullptr;
    TrainingPanel* panel = nullptr;
    ChartsPanel* charts = nullptr;
    ExplorerController* explorer = nullptr;
    std::function<void(const QString&)> open_checkpoint;  // loads a checkpoint into the explorer
    std::function<void(const QString&, const QString&)> remember;  // (recent-list key, path)
  };
  RunActions(WindowShell& shell, Parts parts, QObject* parent = nullptr);

  // Trains the panel's settings on the open image folder into `run_dir` (default: a new folder under the
  // default runs folder).
  void startTraining(const QString& run_dir = {});
  // Follows the run folder `run_dir`: its curves, grids, checkpoints and settings. False, with the error shown,
  // when it is not a run folder.
  bool attachRun(const QString& run_dir);

 private:
  void connectTraining();
  void onRunFinished(qint64 steps, bool stopped, const QString& checkpoint, const QString& error);

  WindowShell& shell_;
  Parts p_;
  int64_t total_steps_ = 0;
};

}  // namespace gs

#pragma once
// The mode-collapse and failure lab of the main window, for image training: the Health dock (diversity,
// duplicates, birthday support, D output histograms, alarm markers), the amber alarm banner with its remedies,
// near-duplicate groups outlined in the samples grid, and the memorisation check of the selected sample.
// Health records and alarms come from the app's own training (TrainingController) or from a followed run
// (RunFollower); remedies go through RemedyRunner.
#include <QImage>
#include <QObject>

#include "metrics/health_record.h"
#include "metrics/alarm.h"
#include "ui/health/remedy_runner.h"

class QAction;
class QDockWidget;

namespace gs {

class AlarmBanner;
class HealthPanel;
class ChartsPanel;
class DataPanel;
class ImageCanvas;
class TrainingController;
class TrainingPanel;
class WindowShell;
class MemorisationCheck;
class NearestImagesDialog;
class RunFollower;

class HealthLab : public QObject {
  Q_OBJECT
 public:
  // The parts of the window it works with.
  struct Parts {
    TrainingController* training = nullptr;
    RunFollower* follower = nullptr;
    ChartsPanel* charts = nullptr;
    TrainingPanel* training_panel = nullptr;
    DataPanel* data = nullptr;
    ImageCanvas* explorer = nullptr;
    ImageCanvas* samples = nullptr;
  };
  HealthLab(WindowShell& shell, Parts parts, QObject* parent = nullptr);

  HealthPanel* panel() const { return panel_; }
  AlarmBanner* banner() const { return banner_; }
  QDockWidget* dock() const { return dock_; }
  QAction* nearestAction() const { return nearest_action_; }
  NearestImagesDialog* nearestDialog() const { return dialog_; }
  RemedyRunner* remedies() const { return remedies_; }
  // Applies a remedy to the run on screen (what the banner's buttons do); the plan says what happened.
  RemedyRunner::Plan applyRemedy(const QString& name);
  // The memorisation check of the selected sample (grid cell or explorer image).
  void findNearestOfSelection();
  // Colour of near-duplicate group `i` in the samples grid.
  static QColor groupColor(int i);

 Q_SIGNALS:
  void nearestFinished();

 private:
  void showRun(const QString& run_dir);
  void onHealth(const HealthRecord& record);
  void onAlarm(const Alarm& alarm);
  void onGrid(qint64 step);
  void raiseDock();
  void applyOutlines();
  void onRemedyStarting(const RemedyRunner::Plan& plan);

  WindowShell& shell_;
  Parts p_;
  RunFollower* follower_;
  HealthPanel* panel_;
  QDockWidget* dock_;
  AlarmBanner* banner_;
  RemedyRunner* remedies_;
  MemorisationCheck* check_;
  NearestImagesDialog* dialog_ = nullptr;
  QAction* nearest_action_;
  QString run_dir_;              // the run whose health is shown
  HealthRecord last_record_;     // newest record (its duplicate groups outline the grid of the same step)
  qint64 grid_step_ = -1;        // step of the training grid shown, -1 for none
  bool raised_for_collapse_ = false;  // the Health dock was brought forward for this run's first collapse
  QImage selected_;              // the sample the memorisation check examines
  QString selected_what_;
};

}  // namespace gs

#pragma once
// The compare view (the centre's "Compare runs" tab): several run folders overlaid, as TensorBoard users do.
// A list of runs (add, remove, show/hide; each in its Okabe-Ito colour), the x axis (step, images seen or
// wall-clock time), a log scale for losses and gradient norms, the smoothing of the training charts, and six
// charts: G/D loss, D(x)/D(G(z)), gradient norms, diversity, near-duplicates and sample quality (SWD).
#include <QWidget>

#include <functional>
#include <vector>

#include "ui/training/compared_run.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTimer;

namespace gs {

class CompareChart;
class RunCompare;
class SmoothingControl;
struct RunCurves;

class ComparePanel : public QWidget {
  Q_OBJECT
 public:
  enum Chart { Loss, DOutput, GradNorm, Diversity, Duplicates, Quality, kCharts };

  explicit ComparePanel(QWidget* parent = nullptr);

  RunCompare* runs() const { return runs_; }
  // Adds `dir` if it is a run folder, else its run subfolders; a message when there are none.
  void addRunFolders(const QString& dir);
  void chooseRunFolders();  // the folder dialog of the "Add runs" button
  // Where "Add current run" gets the run the window has open or follows (empty: none).
  void setCurrentRunSource(std::function<QString()> source) { current_run_ = std::move(source); }

  void setAxis(CompareAxis axis);
  CompareAxis axis() const;
  void setLogScale(bool on);
  SmoothingControl* smoothingControl() const { return smoothing_; }
  CompareChart* chart(Chart which) const { return charts_[size_t(which)]; }
  QListWidget* runList() const { return list_; }
  QString message() const;  // problems and notes shown under the list
  QString legend() const;   // the legend over the charts (rich text): each shown run's colour and label
  void refreshNow();

 private:
  void syncList();
  void updateAxisChoices();
  std::vector<RunCurves> curvesOf(Chart which) const;

  RunCompare* runs_;
  QListWidget* list_;
  QComboBox* axis_;
  QCheckBox* log_;
  SmoothingControl* smoothing_;
  QLabel* message_;
  QLabel* legend_;
  QString extra_message_;  // from the last add: folders with no run in them
  std::vector<CompareChart*> charts_;
  std::function<QString()> current_run_;
  QTimer* timer_;
  bool dirty_ = false;
};

}  // namespace gs

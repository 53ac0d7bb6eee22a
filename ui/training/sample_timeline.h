#pragma once
// The Samples tab: the live grid of fixed latents, and a timeline of the run's saved grids (RUN/samples/
// step_*.png, the same latents at every --sample-every step) to scrub with a slider, with the step and the
// losses logged at that step; "Compare" shows a second step beside it; "Export video" writes the timeline as an
// MP4 or animated PNG labelled AI-generated. Works for the app's own run and for a followed CLI run.
#include <QImage>
#include <QWidget>

#include <map>
#include <memory>
#include <vector>

#include "training/step_stats.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QStackedWidget;

namespace gs {

class ImageCanvas;
class LineTail;

class SampleTimeline : public QWidget {
  Q_OBJECT
 public:
  // `live` is the canvas the explorer and the training draw the current grid on; it becomes the tab's first page.
  SampleTimeline(ImageCanvas* live, QWidget* parent = nullptr);
  ~SampleTimeline() override;

  // The run whose grids are scrubbed ("" for none); a different folder starts over.
  void setRunFolder(const QString& run_dir);
  // Re-reads the run's grids and metrics (a new grid was written).
  void refresh();
  // Step shown (a saved grid's step), or -1 when the live grid is shown.
  qint64 shownStep() const;
  void showStep(qint64 step, bool second = false);  // the nearest saved grid at or before `step`
  void showLive();
  bool exportVideo(const QString& path, int fps = 4);
  const std::vector<qint64>& steps() const { return steps_; }
  QSlider* slider() const { return slider_; }
  QCheckBox* compareBox() const { return compare_; }
  ImageCanvas* timelineCanvas(bool second = false) const { return second ? view_b_ : view_a_; }
  QString readout() const;

 Q_SIGNALS:
  void message(const QString& text);

 private:
  void updateView(bool second);
  QString describe(qint64 step) const;

  QString run_dir_;
  std::vector<qint64> steps_;    // of the saved grids, oldest first
  std::vector<QString> files_;   // the grids' paths
  std::map<qint64, StepStats> metrics_;  // logged steps
  std::unique_ptr<LineTail> metrics_tail_;
  QStackedWidget* stack_;
  ImageCanvas* live_;
  ImageCanvas* view_a_;
  ImageCanvas* view_b_;
  QSlider* slider_;
  QSlider* slider_b_;
  QLabel* label_;
  QPushButton* live_button_;
  QPushButton* export_;
  QCheckBox* compare_;
};

}  // namespace gs

#pragma once
// One run folder in the compare view: its logged steps, health and quality records, the x axes it can be drawn
// over (step, images seen, wall-clock time) and what is wrong with it. Opened in a worker thread (a 100k-line
// metrics.jsonl takes a while to parse), then polled for new lines on the GUI thread, as RunFollower does.
#include <QColor>
#include <QPointF>
#include <QString>
#include <QVector>

#include <memory>
#include <vector>

#include "metrics/quality_record.h"
#include "training/run_folder.h"
#include "ui/health/health_history.h"
#include "ui/training/metric_history.h"

namespace gs {

enum class CompareAxis { Step, ImagesSeen, WallClock };
QString axisTitle(CompareAxis axis);

class ComparedRun {
 public:
  // Reads what `dir` holds so far. Never throws: a folder that is not a run gets problem() and nothing to draw.
  explicit ComparedRun(QString dir);
  ~ComparedRun();

  // Reads the lines appended since the last poll (a rewritten file is read again); true when anything changed.
  bool poll();

  const QString& dir() const { return dir_; }
  QString name() const;   // the folder's name
  QString label() const;  // name, model and loss: "a · dcgan · hinge"
  const QString& problem() const { return problem_; }  // why nothing can be drawn; empty when fine
  QString notes() const;  // what is odd but drawable (a half-written last line, skipped lines, no config)
  int batch() const { return batch_; }

  const MetricHistory& metrics() const { return metrics_; }
  const HealthHistory& health() const { return health_; }
  const std::vector<QualityRecord>& quality() const { return quality_; }

  // Whether this run can be drawn over `axis`, and if not, why (for tooltips).
  bool hasAxis(CompareAxis axis) const;
  QString missingAxisReason(CompareAxis axis) const;
  // `points` (x = step, in step order) with x moved to `axis`: thousands of images seen (kimg), or minutes since
  // the run's first logged step. Points the run has no x for are dropped.
  QVector<QPointF> onAxis(const QVector<QPointF>& points, CompareAxis axis) const;

  QColor color;
  bool shown = true;

 private:
  struct AxisRow {
    int64_t step;
    double images;
    double wall;  // Unix seconds, 0 when the line had none
  };
  double axisValue(double step, CompareAxis axis) const;
  void appendStep(const TimedStepStats& row);

  QString dir_, problem_, model_, loss_, config_note_;
  int batch_ = 0;
  bool file_images_ = false;  // metrics.jsonl has images_seen
  std::unique_ptr<TimedMetricsTail> metrics_tail_;
  std::unique_ptr<HealthTail> health_tail_;
  std::unique_ptr<QualityTail> quality_tail_;
  MetricHistory metrics_;
  std::vector<AxisRow> axis_;
  HealthHistory health_;
  std::vector<QualityRecord> quality_;
};

}  // namespace gs

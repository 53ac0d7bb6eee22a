#pragma once
// The training curves: G and D loss, D(x) and D(G(z)), augmentation (ADA's p and r_t against its target), gradient
// norms, and for image-to-image runs the L1 distance to the target. Each metric is drawn twice, raw (faint)
// and smoothed (TensorBoard's debiased EMA, one slider for all charts). Points arrive in batches; the charts
// repaint at most 10 times a second from decimated copies, so a long run stays smooth. Training alarms (mode
// collapse, D wins, ...) are marked on every chart at their step, as on the Health chart.
#include <QWidget>

#include <vector>

#include "ui/training/metric_history.h"
#include "metrics/alarm.h"

class QChart;
class QLabel;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace gs {

class AlarmMarks;
class MetricChartView;
class SmoothingControl;

class ChartsPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMaxPoints = 1500;  // per series after decimation

  explicit ChartsPanel(QWidget* parent = nullptr);

  void append(const QVector<StepStats>& steps);
  void clear();  // points and alarms (a new run)
  void addAlarm(const Alarm& alarm);
  void clearAlarms();
  int alarmMarkers() const;  // alarm triangles drawn on the first chart (for tests)
  const MetricHistory& history() const { return history_; }
  double smoothing() const;
  SmoothingControl* smoothingControl() const { return smoothing_; }
  // Points currently drawn by the raw series of a metric (for tests).
  int drawnPoints(Metric m) const;
  int refreshCount() const { return refreshes_; }
  bool exportCsv(const QString& path, QString* error) const { return history_.writeCsv(path, smoothing(), error); }
  void refreshNow();
  // ADA's r_t target, drawn as a dashed line on the Augmentation chart (default 0.6).
  void setAdaTarget(double target);
  double adaTarget() const { return ada_target_; }

 Q_SIGNALS:
  void csvExportRequested();

 private:
  struct Plot {
    MetricChartView* view = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    std::vector<Metric> metrics;
    std::vector<QLineSeries*> raw, smooth;
    AlarmMarks* marks = nullptr;
    QLineSeries* target = nullptr;  // a constant reference line (the Augmentation chart's r_t target)
  };
  Plot makePlot(const QString& title, const QString& y_title, const std::vector<Metric>& metrics,
                const std::vector<QColor>& colors);
  void refreshPlot(Plot& plot);
  void addTargetLine(Plot& plot);
  QString readout(double step) const;

  MetricHistory history_;
  std::vector<Alarm> alarms_;
  std::vector<Plot> plots_;
  SmoothingControl* smoothing_;
  QLabel* count_label_;
  MetricChartView* l1_plot_ = nullptr;       // hidden unless the run reports L1
  MetricChartView* augment_plot_ = nullptr;  // hidden when it does (image-to-image runs don't augment)
  QTimer* timer_;
  double ada_target_ = 0.6;
  bool dirty_ = false;
  int refreshes_ = 0;
};

}  // namespace gs

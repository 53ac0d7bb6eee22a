#pragma once
// The Health charts of a run: diversity of the fixed grid against real images (pixel and D-feature ratios, with
// a dashed line at 1 = as diverse as the data), the share of near-duplicate grid cells and the birthday support
// estimate (log axis) over the steps, alarm markers at the steps they were raised (hover for the message), the
// sample quality chart (SWD against real images, best marked), and D's output histograms for real and generated
// images.
#include <QWidget>

#include "ui/health/health_history.h"

class QChart;
class QHBoxLayout;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace gs {

class AlarmMarks;
class MetricChartView;
class OutputHistogramView;
class QualityChart;

class HealthPanel : public QWidget {
  Q_OBJECT
 public:
  explicit HealthPanel(QWidget* parent = nullptr);

  void addRecord(const HealthRecord& record);
  void addAlarm(const Alarm& alarm);
  void clear();           // records and alarms (a new run)
  void clearRecords();    // records only (health.jsonl was cut back; it is read again)
  const HealthHistory& history() const { return history_; }

  // For tests: points drawn by a series, alarm markers drawn, the histogram's step.
  int drawnPoints(HealthSeries which) const;
  int alarmMarkers() const;
  OutputHistogramView* histogram() const { return histogram_; }
  QLabel* coverageLabel() const { return coverage_; }  // hidden unless the run is class-conditional
  QualityChart* quality() const { return quality_; }  // sample quality over the run (quality.jsonl)
  // The row of the summary line, for actions that belong with the health view.
  QHBoxLayout* header() const { return header_; }

 private:
  void refresh();
  void showCoverage(const HealthRecord& record);
  QString readout(double step) const;

  HealthHistory history_;
  QChart* chart_;
  MetricChartView* view_;
  QValueAxis *x_, *y_;
  QLogValueAxis* support_axis_;
  QLineSeries *pixel_, *feature_, *duplicates_, *support_, *unity_;
  AlarmMarks* alarm_marks_;
  OutputHistogramView* histogram_;
  QualityChart* quality_;
  QLabel* summary_;
  QLabel* coverage_;  // class-conditional runs: per-class coverage, dropped classes in red
  QHBoxLayout* header_;
};

}  // namespace gs

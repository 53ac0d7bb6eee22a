#pragma once
// Sample quality over a run: the sliced Wasserstein distance of the EMA generator's samples against real images
// (quality.jsonl, lower is better), the best measurement marked (checkpoints/best.gsck holds it), and the hint
// the run gives when quality stops improving or gets worse - so a user knows when to stop and which checkpoint
// to keep.
#include <QWidget>

#include <vector>

#include "metrics/quality_record.h"

class QChart;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace gs {

class MetricChartView;

class QualityChart : public QWidget {
  Q_OBJECT
 public:
  explicit QualityChart(QWidget* parent = nullptr);

  void addRecord(const QualityRecord& record);  // a record for an earlier or equal step replaces the later ones
  void clear();
  const std::vector<QualityRecord>& records() const { return records_; }
  int drawnPoints() const;
  QString summary() const;

 private:
  void refresh();

  std::vector<QualityRecord> records_;
  QChart* chart_;
  QValueAxis *x_, *y_;
  QLineSeries* swd_;
  QScatterSeries* best_;
  MetricChartView* view_;
  QLabel* summary_;
};

}  // namespace gs

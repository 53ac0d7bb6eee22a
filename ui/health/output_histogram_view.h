#pragma once
// D's outputs on real and on generated images at one health measurement, as two overlaid histograms (real
// green, fake magenta), with a slider over the measurements of the run that follows the newest one unless the
// user moved it back.
#include <QWidget>

#include <vector>

#include "metrics/health_record.h"

class QAreaSeries;
class QChart;
class QLabel;
class QLineSeries;
class QSlider;
class QValueAxis;

namespace gs {

class OutputHistogramView : public QWidget {
  Q_OBJECT
 public:
  explicit OutputHistogramView(QWidget* parent = nullptr);

  // The run's records, oldest first (called whenever they change).
  void setRecords(const std::vector<HealthRecord>& records);
  // Step of the measurement shown, -1 when none.
  int64_t shownStep() const { return shown_step_; }
  QSlider* slider() const { return slider_; }

 private:
  void show(int index);

  std::vector<HealthRecord> records_;
  QLineSeries *real_upper_, *fake_upper_;
  QAreaSeries *real_, *fake_;
  QChart* chart_;
  QValueAxis *x_, *y_;
  QSlider* slider_;
  QLabel* label_;
  int64_t shown_step_ = -1;
};

}  // namespace gs

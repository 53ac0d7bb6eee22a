#pragma once
// Alarm markers on a chart: at each alarm's step, a dashed amber vertical line over the whole plot and a
// triangle near its top; hovering a triangle shows the alarm messages of that step. Used by the Health chart
// and by every training chart, so a collapse is marked where the losses show it too.
#include <QObject>

#include <vector>

#include "metrics/alarm.h"

class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QWidget;

namespace gs {

class AlarmMarks : public QObject {
  Q_OBJECT
 public:
  // Adds the triangle series to `chart` against axes `x` and `y`; tooltips are shown over `view`.
  AlarmMarks(QChart* chart, QValueAxis* x, QValueAxis* y, QWidget* view);

  void setAlarms(std::vector<Alarm> alarms);
  const std::vector<Alarm>& alarms() const { return alarms_; }
  // Redraws the marks for the y axis's current range (call after the range changes).
  void redraw();
  int count() const;  // triangles drawn (one per alarm)
  // The alarm lines of the steps within `radius` of `step`, "⚠ message" each, for chart readouts.
  QString describeNear(double step, double radius) const;

 private:
  QChart* chart_;
  QValueAxis* x_;
  QValueAxis* y_;
  QWidget* view_;
  QScatterSeries* points_;
  std::vector<QLineSeries*> lines_;
  std::vector<Alarm> alarms_;
  double drawn_lo_ = 0, drawn_hi_ = 0;  // the y range the marks were last drawn for
};

}  // namespace gs

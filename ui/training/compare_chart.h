#pragma once
// One chart of the compare view: every shown run in its own colour (one series per run carries its label; the
// view shows one legend for all its charts), the metrics of a chart told apart by line style (solid, dashed). The y axis may switch to a log scale; points at
// or below zero cannot be drawn there and are left out, with a note saying how many.
#include <QColor>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <vector>

class QChart;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace gs {

class MetricChartView;

struct RunCurve {
  QVector<QPointF> raw;     // drawn faintly; empty: only `smooth` is drawn (with its points)
  QVector<QPointF> smooth;  // drawn in full colour
  Qt::PenStyle style = Qt::SolidLine;
};

struct RunCurves {
  QString label;  // legend text
  QColor color;
  std::vector<RunCurve> curves;  // the chart's metrics in order; the first one carries the legend entry
};

class CompareChart : public QWidget {
  Q_OBJECT
 public:
  CompareChart(const QString& title, const QString& y_title, bool can_log, QWidget* parent = nullptr);

  void setCurves(std::vector<RunCurves> runs, const QString& x_title, bool log_y);
  bool canLog() const { return log_axis_ != nullptr; }

  // For tests and the panel: the runs drawn (the names of their first series), their colours, the y axis in
  // use, the first curve of run `index` as drawn, and the note about points left out.
  QStringList runNames() const;
  QList<QColor> runColors() const;
  bool usesLogAxis() const;
  QVector<QPointF> drawnPoints(int index) const;
  QString note() const { return note_; }
  QChart* chart() const { return chart_; }
  MetricChartView* view() const { return view_; }

 private:
  void rebuild();
  QString readout(double x) const;

  std::vector<RunCurves> runs_;
  std::vector<QLineSeries*> legend_series_;  // each run's first smoothed curve, named in the legend
  bool log_y_ = false;
  QString note_;
  QChart* chart_;
  QValueAxis* x_;
  QValueAxis* y_;
  QLogValueAxis* log_axis_ = nullptr;
  MetricChartView* view_;
};

}  // namespace gs

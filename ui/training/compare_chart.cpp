#include "ui/training/compare_chart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/widgets/curve_pair.h"
#include "ui/widgets/metric_chart_view.h"

namespace gs {
namespace {

// Points a log axis can draw: y > 0.
QVector<QPointF> positive(const QVector<QPointF>& points, int& dropped) {
  QVector<QPointF> out;
  out.reserve(points.size());
  for (const QPointF& p : points) {
    if (p.y() > 0) out.push_back(p);
    else ++dropped;
  }
  return out;
}

}  // namespace

CompareChart::CompareChart(const QString& title, const QString& y_title, bool can_log, QWidget* parent)
    : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  chart_ = newAppChart(title);
  chart_->legend()->hide();  // one legend for all the charts: the compare view's, above them
  x_ = newStepAxis(5);
  y_ = new QValueAxis;
  y_->setTitleText(y_title);
  useRoundTicks(y_, 5);
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  if (can_log) {
    log_axis_ = new QLogValueAxis;
    log_axis_->setTitleText(y_title + " (log)");
    log_axis_->setLabelFormat("%.3g");
    log_axis_->setMinorTickCount(-1);  // minor ticks at 2..9 x 10^k
    chart_->addAxis(log_axis_, Qt::AlignLeft);
    log_axis_->setVisible(false);
  }
  view_ = new MetricChartView(chart_, this);
  view_->setMinimumSize(260, 200);
  view_->setReadout([this](double x) { return readout(x); });
  connect(view_, &MetricChartView::zoomReset, this, &CompareChart::rebuild);
  layout->addWidget(view_);
}

void CompareChart::setCurves(std::vector<RunCurves> runs, const QString& x_title, bool log_y) {
  runs_ = std::move(runs);
  log_y_ = log_y && log_axis_;
  x_->setTitleText(x_title);
  rebuild();
}

void CompareChart::rebuild() {
  chart_->removeAllSeries();
  legend_series_.clear();
  y_->setVisible(!log_y_);
  if (log_axis_) log_axis_->setVisible(log_y_);
  QAbstractAxis* y = log_y_ ? static_cast<QAbstractAxis*>(log_axis_) : y_;
  double x_lo = INFINITY, x_hi = -INFINITY, lo = INFINITY, hi = -INFINITY;
  int dropped = 0;
  for (const RunCurves& run : runs_) {
    for (size_t i = 0; i < run.curves.size(); ++i) {
      RunCurve curve = run.curves[i];
      if (log_y_) {
        curve.raw = positive(curve.raw, dropped);
        curve.smooth = positive(curve.smooth, dropped);
      }
      QLineSeries* smooth;
      if (curve.raw.isEmpty()) {
        smooth = new QLineSeries;
        smooth->setName(run.label);
        smooth->setPen(QPen(run.color, 2, curve.style));
        smooth->setPointsVisible(true);
        chart_->addSeries(smooth);
        smooth->attachAxis(x_);
        smooth->attachAxis(y);
      } else {
        const CurvePair pair = addCurvePair(chart_, run.label, run.color, x_, y, curve.style);
        pair.raw->replace(curve.raw);
        smooth = pair.smooth;
      }
      smooth->replace(curve.smooth);
      if (i == 0) legend_series_.push_back(smooth);
      else chart_->legend()->markers(smooth).front()->setVisible(false);
      const QVector<QPointF>& range_points = curve.raw.isEmpty() ? curve.smooth : curve.raw;
      growRange(range_points, lo, hi, log_y_);
      for (const QPointF& p : range_points) {
        x_lo = std::min(x_lo, p.x());
        x_hi = std::max(x_hi, p.x());
      }
    }
  }
  note_ = dropped > 0 ? QString("%1: %2 points \u2264 0 left out (log scale)").arg(chart_->title()).arg(dropped)
                      : QString();
  if (view_->userZoomed() || !std::isfinite(lo)) return;
  x_->setRange(x_lo, std::max(x_hi, x_lo + 1e-9));
  if (log_y_) {
    log_axis_->setRange(lo / 1.3, std::max(hi * 1.3, lo * 10));
  } else {
    setPaddedRange(y_, lo, hi);
  }
}

QStringList CompareChart::runNames() const {
  QStringList names;
  for (QLineSeries* s : legend_series_) names << chart_->legend()->markers(s).front()->label();
  return names;
}

QList<QColor> CompareChart::runColors() const {
  QList<QColor> colors;
  for (QLineSeries* s : legend_series_) colors << s->pen().color();
  return colors;
}

bool CompareChart::usesLogAxis() const {
  return !legend_series_.empty() && legend_series_.front()->attachedAxes().contains(log_axis_);
}

QVector<QPointF> CompareChart::drawnPoints(int index) const {
  return index >= 0 && index < int(legend_series_.size()) ? legend_series_[size_t(index)]->points() : QVector<QPointF>();
}

QString CompareChart::readout(double x) const {
  // Each run's first curve (smoothed) at the drawn point nearest to x.
  QStringList lines;
  for (const RunCurves& run : runs_) {
    if (run.curves.empty() || run.curves.front().smooth.isEmpty()) continue;
    const auto& points = run.curves.front().smooth;
    auto it = std::lower_bound(points.begin(), points.end(), x, [](const QPointF& p, double v) { return p.x() < v; });
    if (it == points.end()) --it;
    if (it != points.begin() && x - std::prev(it)->x() < it->x() - x) --it;
    lines << QString("%1: %2 at %3").arg(run.label).arg(it->y(), 0, 'g', 4).arg(it->x(), 0, 'g', 6);
  }
  return lines.join('\n');
}

}  // namespace gs

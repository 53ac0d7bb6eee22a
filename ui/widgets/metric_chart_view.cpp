#include "ui/widgets/metric_chart_view.h"

#include <QChart>
#include <QLegend>
#include <QMouseEvent>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace gs {
namespace {

void setRoundTicks(QValueAxis* axis, int ticks) {
  const double span = axis->max() - axis->min();
  if (!(span > 0) || !std::isfinite(span) || ticks < 2) return;
  const double raw = span / (ticks - 1);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  double step = decade;  // the round interval nearest to the even split, on a log scale
  for (double m : {2.0, 5.0, 10.0})
    if (std::abs(std::log(m * decade / raw)) < std::abs(std::log(step / raw))) step = m * decade;
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  // Enough decimals to tell the ticks apart, no more.
  const int decimals = std::max(0, -int(std::floor(std::log10(step))));
  axis->setLabelFormat(QString("%.%1f").arg(decimals));
}

}  // namespace

void useRoundTicks(QValueAxis* axis, int ticks) {
  setRoundTicks(axis, ticks);
  // On min/max changes, not on rangeChanged: Qt Charts lays the axis out for a new range before it emits
  // rangeChanged, so a jump from a tiny range to a wide one (a first point, then a second) was laid out with the
  // old interval: millions of tick items, and the GUI thread stuck for minutes.
  const auto update = [axis, ticks] { setRoundTicks(axis, ticks); };
  QObject::connect(axis, &QValueAxis::minChanged, axis, update);
  QObject::connect(axis, &QValueAxis::maxChanged, axis, update);
}

MetricChartView::MetricChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
  setRubberBand(QChartView::RectangleRubberBand);
  setRenderHint(QPainter::Antialiasing, true);
  setMouseTracking(true);
  setToolTip(QString());
}

void MetricChartView::resetZoom() {
  user_zoomed_ = false;
  Q_EMIT zoomReset();
}

void MetricChartView::wheelEvent(QWheelEvent* event) {
  // Zoom about the cursor: scale the plot area around the mouse position.
  const double factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
  const QRectF area = chart()->plotArea();
  const QPointF pos = event->position();
  QRectF zoomed(pos.x() - (pos.x() - area.left()) * factor, pos.y() - (pos.y() - area.top()) * factor,
                area.width() * factor, area.height() * factor);
  chart()->zoomIn(zoomed);
  user_zoomed_ = true;
  event->accept();
}

void MetricChartView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
    panning_ = true;
    last_pan_ = event->position();
    setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  press_pos_ = event->position();
  QChartView::mousePressEvent(event);
}

void MetricChartView::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPointF delta = event->position() - last_pan_;
    chart()->scroll(-delta.x(), delta.y());
    last_pan_ = event->position();
    user_zoomed_ = true;
    event->accept();
    return;
  }
  QChartView::mouseMoveEvent(event);
  if (readout_ && chart()->plotArea().contains(event->position())) {
    const double step = chart()->mapToValue(event->position()).x();
    const QString text = readout_(step);
    if (!text.isEmpty()) QToolTip::showText(event->globalPosition().toPoint(), text, this);
  } else {
    QToolTip::hideText();
  }
}

void MetricChartView::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_) {
    panning_ = false;
    unsetCursor();
    event->accept();
    return;
  }
  // A left drag finishes a rubber-band zoom in the base class.
  if (event->button() == Qt::LeftButton && (event->position() - press_pos_).manhattanLength() > 4) user_zoomed_ = true;
  QChartView::mouseReleaseEvent(event);
}

void MetricChartView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    resetZoom();
    event->accept();
    return;
  }
  QChartView::mouseDoubleClickEvent(event);
}

QChart* newAppChart(const QString& title) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->setTheme(QChart::ChartThemeDark);
  chart->setBackgroundRoundness(0);
  chart->setMargins(QMargins(2, 2, 2, 2));
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setAnimationOptions(QChart::NoAnimation);
  return chart;
}

QValueAxis* newStepAxis(int ticks) {
  auto* axis = new QValueAxis;
  axis->setTitleText("step");
  axis->setLabelFormat("%.0f");
  axis->setRange(0, 100);  // until the first point: whole-step ticks, not 0 0 1 1 1
  useRoundTicks(axis, ticks);
  return axis;
}

}  // namespace gs

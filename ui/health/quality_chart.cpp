#include "ui/health/quality_chart.h"

#include <QChart>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/widgets/metric_chart_view.h"

namespace gs {

QualityChart::QualityChart(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  chart_ = newAppChart("Sample quality (SWD, lower is better)");
  x_ = newStepAxis(5);
  y_ = new QValueAxis;
  y_->setTitleText("SWD");
  y_->setLabelFormat("%.0f");
  y_->setRange(0, 1);
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  useRoundTicks(y_, 4);
  swd_ = new QLineSeries;
  swd_->setName("SWD vs. real images");
  swd_->setPen(QPen(QColor(86, 180, 233), 2));
  swd_->setPointsVisible(true);
  best_ = new QScatterSeries;
  best_->setName("best (checkpoints/best.gsck)");
  best_->setColor(QColor(240, 180, 76));
  best_->setMarkerSize(11);
  for (QXYSeries* s : std::initializer_list<QXYSeries*>{swd_, best_}) {
    chart_->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
  }
  view_ = new MetricChartView(chart_, this);
  view_->setMinimumSize(260, 180);
  view_->setReadout([this](double step) {
    const QualityRecord* nearest = nullptr;
    for (const QualityRecord& r : records_)
      if (!nearest || std::abs(r.step - step) < std::abs(nearest->step - step)) nearest = &r;
    return nearest ? QString("step %1 \u00B7 SWD %2").arg(nearest->step).arg(nearest->swd, 0, 'f', 1) : QString();
  });
  summary_ = new QLabel("No quality measurement yet (every quality_every steps of a run).", this);
  summary_->setObjectName("qualitySummary");
  summary_->setWordWrap(true);
  layout->addWidget(view_, 1);
  layout->addWidget(summary_);
}

void QualityChart::addRecord(const QualityRecord& record) {
  // A resumed or rolled-back run measures a step again: what came after it no longer happened.
  while (!records_.empty() && records_.back().step >= record.step) records_.pop_back();
  records_.push_back(record);
  refresh();
}

void QualityChart::clear() {
  records_.clear();
  refresh();
}

int QualityChart::drawnPoints() const { return int(swd_->count()); }

QString QualityChart::summary() const { return summary_->text(); }

void QualityChart::refresh() {
  QList<QPointF> points;
  const QualityRecord* best = nullptr;
  double hi = 0;
  for (const QualityRecord& r : records_) {
    if (!std::isfinite(r.swd)) continue;
    points << QPointF(double(r.step), r.swd);
    hi = std::max(hi, r.swd);
    if (!best || r.swd < best->swd) best = &r;
  }
  swd_->replace(points);
  best_->clear();
  if (best) best_->append(double(best->step), best->swd);
  const double last_step = records_.empty() ? 100.0 : double(std::max<int64_t>(1, records_.back().step));
  x_->setRange(0, last_step);
  y_->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
  if (records_.empty()) {
    summary_->setText("No quality measurement yet (every quality_every steps of a run).");
    return;
  }
  const QualityRecord& last = records_.back();
  QString text = QString("step %1 \u00B7 SWD %2 against %3 images").arg(last.step).arg(last.swd, 0, 'f', 1).arg(last.images);
  if (best) text += QString(" \u00B7 best: step %1 (SWD %2)").arg(best->step).arg(best->swd, 0, 'f', 1);
  if (!last.hint.empty()) text += "\n" + QString::fromStdString(last.hint);
  summary_->setText(text);
}

}  // namespace gs

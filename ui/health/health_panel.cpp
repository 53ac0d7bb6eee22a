#include "ui/health/health_panel.h"

#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/widgets/alarm_marks.h"
#include "ui/widgets/metric_chart_view.h"
#include "ui/health/output_histogram_view.h"
#include "ui/health/quality_chart.h"

namespace gs {
namespace {

QLineSeries* line(const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine, double width = 2) {
  auto* s = new QLineSeries;
  s->setName(name);
  s->setPen(QPen(color, width, style));
  s->setPointsVisible(true);
  return s;
}

QString number(double v) { return std::isfinite(v) ? QString::number(v, 'g', 3) : QString("\u2013"); }

}  // namespace

HealthPanel::HealthPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  summary_ = new QLabel("No health measurement yet (every health_every steps of a run).", this);
  summary_->setObjectName("healthSummary");
  header_ = new QHBoxLayout;
  header_->addWidget(summary_, 1);
  layout->addLayout(header_);
  coverage_ = new QLabel(this);
  coverage_->setObjectName("classCoverage");
  coverage_->setTextFormat(Qt::RichText);
  coverage_->setWordWrap(true);
  coverage_->setToolTip("Class-conditional model: of samples asked equally of every class, the share that D's "
                        "features put in each class (nearest class centroid of real images). A class far below 1/K "
                        "(under a quarter of it) is flagged: the generator may have dropped it.");
  coverage_->hide();
  layout->addWidget(coverage_);

  chart_ = newAppChart("Diversity vs. the data");
  x_ = newStepAxis(6);
  y_ = new QValueAxis;
  y_->setTitleText("ratio");
  y_->setLabelFormat("%.1f");
  y_->setTickCount(4);
  y_->setRange(0, 1.2);
  support_axis_ = new QLogValueAxis;
  support_axis_->setTitleText("support");
  support_axis_->setLabelFormat("%.0f");
  support_axis_->setRange(1, 1e4);
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  chart_->addAxis(support_axis_, Qt::AlignRight);

  unity_ = line("as diverse as the data", QColor(200, 200, 200), Qt::DashLine, 1);
  unity_->setPointsVisible(false);
  pixel_ = line("pixel ratio", QColor(80, 160, 255));
  feature_ = line("D-feature ratio", QColor(255, 140, 60));
  duplicates_ = line("duplicate share", QColor(230, 90, 200));
  support_ = line("birthday support", QColor(150, 220, 150), Qt::DotLine);
  for (QXYSeries* s : std::initializer_list<QXYSeries*>{unity_, pixel_, feature_, duplicates_}) {
    chart_->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
  }
  chart_->addSeries(support_);
  support_->attachAxis(x_);
  support_->attachAxis(support_axis_);
  view_ = new MetricChartView(chart_, this);
  view_->setMinimumSize(320, 180);
  view_->setReadout([this](double step) { return readout(step); });
  connect(view_, &MetricChartView::zoomReset, this, &HealthPanel::refresh);
  alarm_marks_ = new AlarmMarks(chart_, x_, y_, view_);
  histogram_ = new OutputHistogramView(this);
  quality_ = new QualityChart(this);
  auto* charts = new QHBoxLayout;
  charts->setSpacing(4);
  charts->addWidget(view_, 3);
  charts->addWidget(quality_, 2);
  charts->addWidget(histogram_, 2);
  layout->addLayout(charts, 1);
}

void HealthPanel::addRecord(const HealthRecord& record) {
  history_.add(record);
  histogram_->setRecords(history_.records());
  const BirthdayEstimate& b = record.birthday;
  summary_->setText(QString("step %1 \u00B7 diversity %2 of the data (pixels), %3 (D features) \u00B7 %4 of the grid "
                            "in near-duplicate groups (%5 groups) \u00B7 birthday support %6%7")
                        .arg(record.step)
                        .arg(number(record.pixel_ratio))
                        .arg(number(record.feature_ratio))
                        .arg(std::isfinite(record.duplicate_fraction)
                                 ? QString::number(record.duplicate_fraction * 100, 'f', 0) + "%"
                                 : QString("\u2013"))
                        .arg(record.duplicate_groups.size())
                        .arg(b.lower_bound ? "> " : "")
                        .arg(number(b.support)));
  showCoverage(record);
  refresh();
}

void HealthPanel::showCoverage(const HealthRecord& r) {
  coverage_->setVisible(!r.class_share.empty());
  if (r.class_share.empty()) return;
  const size_t k = r.class_share.size();
  QStringList cells;
  for (size_t i = 0; i < k; ++i) {
    const QString name = i < r.class_names.size() ? QString::fromStdString(r.class_names[i]) : QString::number(i);
    const bool flagged = std::find(r.class_flagged.begin(), r.class_flagged.end(), int(i)) != r.class_flagged.end();
    const QString cell = QString("%1 %2").arg(name.toHtmlEscaped()).arg(r.class_share[i], 0, 'f', 2);
    cells << (flagged ? QString("<b><span style='color:#e5484d'>%1 (dropped?)</span></b>").arg(cell) : cell);
  }
  coverage_->setText(QString("Per-class coverage (share of samples D's features put in each class; even: %1): %2"
                             " \u00B7 D's features put %3 of held-out real images in their own class")
                         .arg(1.0 / double(k), 0, 'f', 2)
                         .arg(cells.join(" \u00B7 "))
                         .arg(std::isfinite(r.class_real_agreement)
                                  ? QString::number(r.class_real_agreement * 100, 'f', 0) + "%"
                                  : QString("\u2013")));
}

void HealthPanel::addAlarm(const Alarm& alarm) {
  history_.addAlarm(alarm);
  refresh();
}

void HealthPanel::clear() {
  history_.clear();
  quality_->clear();
  histogram_->setRecords({});
  view_->resetZoom();
  summary_->setText("No health measurement yet (every health_every steps of a run).");
  refresh();
}

void HealthPanel::clearRecords() {
  const std::vector<Alarm> alarms = history_.alarms();
  history_.clear();
  for (const Alarm& a : alarms) history_.addAlarm(a);
  histogram_->setRecords({});
  refresh();
}

int HealthPanel::drawnPoints(HealthSeries which) const {
  switch (which) {
    case HealthSeries::PixelRatio: return pixel_->count();
    case HealthSeries::FeatureRatio: return feature_->count();
    case HealthSeries::DuplicateFraction: return duplicates_->count();
    case HealthSeries::BirthdaySupport: return support_->count();
  }
  return 0;
}

int HealthPanel::alarmMarkers() const { return alarm_marks_->count(); }

void HealthPanel::refresh() {
  pixel_->replace(history_.series(HealthSeries::PixelRatio));
  feature_->replace(history_.series(HealthSeries::FeatureRatio));
  duplicates_->replace(history_.series(HealthSeries::DuplicateFraction));
  const QList<QPointF> support = history_.series(HealthSeries::BirthdaySupport);
  support_->replace(support);

  // Ranges: every step with a record or an alarm; ratios from 0 to a little above the largest (at least 1.2).
  double first = INFINITY, last = -INFINITY, top = 1.2, support_hi = 100;
  for (const HealthRecord& r : history_.records()) {
    first = std::min(first, double(r.step));
    last = std::max(last, double(r.step));
    for (double v : {r.pixel_ratio, r.feature_ratio, r.duplicate_fraction})
      if (std::isfinite(v)) top = std::max(top, v * 1.1);
  }
  for (const QPointF& p : support) support_hi = std::max(support_hi, p.y() * 2);
  for (const Alarm& a : history_.alarms()) {
    first = std::min(first, double(a.step));
    last = std::max(last, double(a.step));
  }
  if (!std::isfinite(first)) first = 0, last = 100;
  if (!view_->userZoomed()) {
    x_->setRange(first, std::max(first + 1, last));
    y_->setRange(0, top);
    support_axis_->setRange(1, support_hi);
  }
  unity_->replace(QList<QPointF>{{first, 1.0}, {std::max(first + 1, last), 1.0}});

  alarm_marks_->setAlarms(history_.alarms());
}

QString HealthPanel::readout(double step) const {
  const auto& records = history_.records();
  if (records.empty()) return {};
  const HealthRecord* best = &records.front();
  for (const HealthRecord& r : records)
    if (std::abs(double(r.step) - step) < std::abs(double(best->step) - step)) best = &r;
  QString text = QString("step %1\ndiversity: pixels %2 \u00B7 D features %3\nduplicates %4 (%5 groups) \u00B7 "
                         "birthday support %6%7")
                     .arg(best->step)
                     .arg(number(best->pixel_ratio))
                     .arg(number(best->feature_ratio))
                     .arg(number(best->duplicate_fraction))
                     .arg(best->duplicate_groups.size())
                     .arg(best->birthday.lower_bound ? "> " : "")
                     .arg(number(best->birthday.support));
  return text + alarm_marks_->describeNear(step, std::abs(double(best->step) - step) + 1);
}

}  // namespace gs

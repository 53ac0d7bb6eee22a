#include "ui/health/output_histogram_view.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QSlider>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/widgets/metric_chart_view.h"

namespace gs {
namespace {

// A histogram as a step outline of shares (counts / total), so real and fake compare whatever the batch sizes.
QList<QPointF> stepOutline(const Histogram& h, double* peak) {
  QList<QPointF> out;
  const size_t bins = h.counts.size();
  if (bins == 0) return out;
  int64_t total = 0;
  for (int64_t c : h.counts) total += c;
  const double width = (h.hi - h.lo) / double(bins);
  for (size_t i = 0; i < bins; ++i) {
    const double share = total > 0 ? double(h.counts[i]) / double(total) : 0.0;
    *peak = std::max(*peak, share);
    out.append(QPointF(h.lo + width * double(i), share));
    out.append(QPointF(h.lo + width * double(i + 1), share));
  }
  return out;
}

QAreaSeries* area(QLineSeries* upper, const QString& name, QColor color) {
  auto* series = new QAreaSeries(upper);
  series->setName(name);
  series->setPen(QPen(color, 1.5));
  color.setAlpha(80);
  series->setBrush(color);
  return series;
}

}  // namespace

OutputHistogramView::OutputHistogramView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* chart = chart_ = newAppChart("D output histogram");
  real_upper_ = new QLineSeries(this);
  fake_upper_ = new QLineSeries(this);
  real_ = area(real_upper_, "D(x) real", QColor(90, 200, 120));
  fake_ = area(fake_upper_, "D(G(z)) fake", QColor(230, 90, 200));
  x_ = new QValueAxis;
  x_->setRange(0, 1);
  x_->setLabelFormat("%.2g");
  x_->setTickCount(5);
  y_ = new QValueAxis;
  y_->setRange(0, 1);
  y_->setLabelFormat("%.2f");
  y_->setTickCount(3);
  chart->addAxis(x_, Qt::AlignBottom);
  chart->addAxis(y_, Qt::AlignLeft);
  for (auto* s : {real_, fake_}) {
    chart->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
  }
  auto* view = new QChartView(chart, this);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(240, 160);
  layout->addWidget(view, 1);

  auto* row = new QHBoxLayout;
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setRange(0, 0);
  slider_->setEnabled(false);
  slider_->setToolTip("Health measurement shown (right end: the newest, which the view follows)");
  label_ = new QLabel("no measurement yet", this);
  row->addWidget(slider_, 1);
  row->addWidget(label_);
  layout->addLayout(row);
  connect(slider_, &QSlider::valueChanged, this, &OutputHistogramView::show);
}

void OutputHistogramView::setRecords(const std::vector<HealthRecord>& records) {
  const bool follow = slider_->value() >= slider_->maximum();
  records_ = records;
  const int last = std::max(0, int(records_.size()) - 1);
  const QSignalBlocker block(slider_);
  slider_->setRange(0, last);
  slider_->setEnabled(records_.size() > 1);
  if (follow) slider_->setValue(last);
  show(slider_->value());
}

void OutputHistogramView::show(int index) {
  if (index < 0 || index >= int(records_.size())) {
    real_upper_->clear();
    fake_upper_->clear();
    shown_step_ = -1;
    label_->setText("no measurement yet");
    return;
  }
  const HealthRecord& r = records_[size_t(index)];
  double peak = 0;
  real_upper_->replace(stepOutline(r.d_real_hist, &peak));
  fake_upper_->replace(stepOutline(r.d_fake_hist, &peak));
  const double lo = std::min(r.d_real_hist.lo, r.d_fake_hist.lo), hi = std::max(r.d_real_hist.hi, r.d_fake_hist.hi);
  x_->setRange(lo, hi > lo ? hi : lo + 1);
  chart_->setTitle(r.logistic ? "D output histogram (probability)" : "D output histogram (critic score)");
  y_->setRange(0, std::max(0.05, peak * 1.1));
  shown_step_ = r.step;
  label_->setText(QString("step %1%2").arg(r.step).arg(index == int(records_.size()) - 1 ? " (newest)" : ""));
}

}  // namespace gs

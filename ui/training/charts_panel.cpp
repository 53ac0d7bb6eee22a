#include "ui/training/charts_panel.h"

#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/widgets/alarm_marks.h"
#include "ui/widgets/curve_pair.h"
#include "ui/widgets/metric_chart_view.h"
#include "ui/widgets/smoothing_control.h"

namespace gs {

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  auto* bar = new QHBoxLayout;
  smoothing_ = new SmoothingControl(this);
  count_label_ = new QLabel("no data yet", this);
  auto* reset = new QPushButton("Reset zoom", this);
  reset->setToolTip("Or double-click a chart. Drag: zoom to a box; wheel: zoom; right-drag: pan");
  auto* csv = new QPushButton("Export CSV\u2026", this);
  bar->addWidget(smoothing_);
  bar->addSpacing(16);
  bar->addWidget(count_label_, 1);
  bar->addWidget(reset);
  bar->addWidget(csv);
  layout->addLayout(bar);

  auto* charts = new QHBoxLayout;
  charts->setSpacing(4);
  plots_.push_back(makePlot("Loss", "loss", {Metric::GLoss, Metric::DLoss}, {QColor(255, 140, 60), QColor(80, 160, 255)}));
  plots_.push_back(makePlot("Discriminator output", "mean D", {Metric::DReal, Metric::DFake},
                            {QColor(90, 200, 120), QColor(230, 90, 200)}));
  plots_.push_back(makePlot("Augmentation", "p, r_t", {Metric::AugmentP, Metric::AdaRt},
                            {QColor(240, 190, 60), QColor(90, 200, 120)}));
  addTargetLine(plots_.back());
  augment_plot_ = plots_.back().view;
  plots_.push_back(makePlot("Gradient norm", "L2 norm", {Metric::GGradNorm, Metric::DGradNorm},
                            {QColor(255, 140, 60), QColor(80, 160, 255)}));
  // Image-to-image models, shown only for such runs: pix2pix's L1 distance of G(A) to the target, CycleGAN's cycle
  // (A -> B -> A) and identity distances.
  plots_.push_back(makePlot("Image-to-image losses", "mean L1", {Metric::L1, Metric::Cycle, Metric::Identity},
                            {QColor(240, 190, 60), QColor(90, 200, 120), QColor(230, 90, 200)}));
  l1_plot_ = plots_.back().view;
  l1_plot_->hide();
  for (auto& plot : plots_) charts->addWidget(plot.view, 1);
  layout->addLayout(charts, 1);

  timer_ = new QTimer(this);
  timer_->setInterval(100);  // at most 10 repaints a second
  connect(timer_, &QTimer::timeout, this, [this] {
    if (dirty_) refreshNow();
  });
  timer_->start();
  connect(smoothing_, &SmoothingControl::changed, this, [this] { dirty_ = true; });
  connect(reset, &QPushButton::clicked, this, [this] {
    for (auto& plot : plots_) plot.view->resetZoom();
  });
  connect(csv, &QPushButton::clicked, this, &ChartsPanel::csvExportRequested);
}

ChartsPanel::Plot ChartsPanel::makePlot(const QString& title, const QString& y_title,
                                        const std::vector<Metric>& metrics, const std::vector<QColor>& colors) {
  Plot plot;
  plot.metrics = metrics;
  auto* chart = newAppChart(title);
  plot.x = newStepAxis(6);
  plot.y = new QValueAxis;
  plot.y->setTitleText(y_title);
  chart->addAxis(plot.x, Qt::AlignBottom);
  chart->addAxis(plot.y, Qt::AlignLeft);
  // Tight ranges with ticks at round values (0, 0.5, 1 rather than -0.05, 0.23, 0.5, ...).
  useRoundTicks(plot.y, 5);
  for (size_t i = 0; i < metrics.size(); ++i) {
    const CurvePair pair = addCurvePair(chart, allMetrics()[size_t(metrics[i])].name, colors[i], plot.x, plot.y);
    plot.raw.push_back(pair.raw);
    plot.smooth.push_back(pair.smooth);
  }
  plot.view = new MetricChartView(chart, this);
  plot.view->setMinimumSize(240, 180);
  plot.view->setReadout([this](double step) { return readout(step); });
  connect(plot.view, &MetricChartView::zoomReset, this, [this] { refreshNow(); });
  plot.marks = new AlarmMarks(chart, plot.x, plot.y, plot.view);
  return plot;
}

void ChartsPanel::addTargetLine(Plot& plot) {
  plot.target = new QLineSeries;
  plot.target->setPen(QPen(QColor(230, 230, 230), 1.5, Qt::DashLine));
  plot.target->setName("r_t target");
  plot.view->chart()->addSeries(plot.target);
  plot.target->attachAxis(plot.x);
  plot.target->attachAxis(plot.y);
}

void ChartsPanel::setAdaTarget(double target) {
  ada_target_ = target;
  dirty_ = true;
}

void ChartsPanel::append(const QVector<StepStats>& steps) {
  for (const auto& s : steps) history_.append(s);
  if (!steps.isEmpty()) dirty_ = true;
}

void ChartsPanel::clear() {
  history_.clear();
  alarms_.clear();
  for (auto& plot : plots_) plot.view->resetZoom();
  dirty_ = true;
}

void ChartsPanel::addAlarm(const Alarm& alarm) {
  alarms_.push_back(alarm);
  dirty_ = true;
}

void ChartsPanel::clearAlarms() {
  alarms_.clear();
  dirty_ = true;
}

int ChartsPanel::alarmMarkers() const { return plots_.front().marks->count(); }

double ChartsPanel::smoothing() const { return smoothing_->value(); }

int ChartsPanel::drawnPoints(Metric m) const {
  for (const auto& plot : plots_)
    for (size_t i = 0; i < plot.metrics.size(); ++i)
      if (plot.metrics[i] == m) return plot.raw[i]->count();
  return 0;
}

void ChartsPanel::refreshNow() {
  dirty_ = false;
  ++refreshes_;
  for (auto& plot : plots_) refreshPlot(plot);
  // An image-to-image run never augments: its losses chart takes the Augmentation chart's place.
  l1_plot_->setVisible(history_.hasTranslationLosses());
  augment_plot_->setVisible(!history_.hasTranslationLosses());
  if (history_.empty()) {
    count_label_->setText("no data yet");
  } else {
    const auto& last = history_.steps().back();
    count_label_->setText(QString("%1 points \u00B7 step %2 \u00B7 G %3 \u00B7 D %4")
                              .arg(history_.size())
                              .arg(last.step)
                              .arg(last.g_loss, 0, 'f', 3)
                              .arg(last.d_loss, 0, 'f', 3));
  }
}

void ChartsPanel::refreshPlot(Plot& plot) {
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < plot.metrics.size(); ++i) {
    const auto raw = history_.raw(plot.metrics[i], kMaxPoints);
    const auto smooth = history_.smoothed(plot.metrics[i], smoothing(), kMaxPoints);
    plot.raw[i]->replace(raw);  // one call, one repaint: appending point by point is far slower
    plot.smooth[i]->replace(smooth);
    growRange(raw, lo, hi);
    // A curve this run does not have (L1 in a CycleGAN run) leaves the legend.
    if (!history_.empty())
      for (auto* marker : plot.view->chart()->legend()->markers(plot.smooth[i])) marker->setVisible(!raw.isEmpty());
  }
  if (plot.target) {
    QVector<QPointF> line;
    if (!history_.empty())
      line = {QPointF(double(history_.steps().front().step), ada_target_),
              QPointF(double(history_.steps().back().step), ada_target_)};
    plot.target->replace(line);
    lo = std::min(lo, ada_target_);
    hi = std::max(hi, ada_target_);
  }
  if (!plot.view->userZoomed() && !history_.empty() && std::isfinite(lo)) {
    const double first = double(history_.steps().front().step), last = double(history_.steps().back().step);
    plot.x->setRange(first, std::max(first + 1, last));
    setPaddedRange(plot.y, lo, hi);
  }
  plot.marks->setAlarms(alarms_);  // after the range: the marks span the plot's height
}

QString ChartsPanel::readout(double step) const {
  const StepStats* s = history_.nearest(step);
  if (!s) return {};
  const QString alarms = plots_.front().marks->describeNear(step, std::abs(double(s->step) - step) + 1);
  const QString augment = s->augmenting
                              ? QString("\naugment p %1 \u00B7 r_t %2").arg(s->augment_p, 0, 'f', 3).arg(s->ada_rt, 0, 'f', 2)
                              : QString("\nr_t %1 (no augmentation)").arg(s->ada_rt, 0, 'f', 2);
  QString translation;
  if (s->has_l1) translation = QString("\nL1 %1").arg(s->l1, 0, 'f', 4);
  if (s->has_cycle)
    translation = QString("\ncycle %1 \u00B7 identity %2").arg(s->cycle, 0, 'f', 4).arg(s->identity, 0, 'f', 4);
  return QString("step %1\nG loss %2 \u00B7 D loss %3\nD(x) %4 \u00B7 D(G(z)) %5\n|grad G| %6 \u00B7 |grad D| %7\n%8 images/s")
      .arg(s->step)
      .arg(s->g_loss, 0, 'f', 4)
      .arg(s->d_loss, 0, 'f', 4)
      .arg(s->d_real, 0, 'f', 3)
      .arg(s->d_fake, 0, 'f', 3)
      .arg(s->g_grad_norm, 0, 'g', 4)
      .arg(s->d_grad_norm, 0, 'g', 4)
      .arg(s->images_per_second, 0, 'f', 1) + translation + augment + alarms;
}

}  // namespace gs

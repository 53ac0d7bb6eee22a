#include "ui/training/compare_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

#include "ui/training/charts_panel.h"
#include "ui/training/compare_chart.h"
#include "ui/training/run_compare.h"
#include "ui/widgets/metric_chart_view.h"
#include "ui/widgets/smoothing_control.h"

namespace gs {
namespace {

struct ChartSpec {
  const char* title;
  const char* y_title;
  bool can_log;
};
const ChartSpec kSpecs[ComparePanel::kCharts] = {
    {"Loss (solid G, dashed D)", "loss", true},
    {"D output (solid D(x), dashed D(G(z)))", "mean D", false},
    {"Gradient norm (solid G, dashed D)", "L2 norm", true},
    {"Diversity (D features; pixels dashed)", "ratio vs. the data", false},
    {"Near-duplicate share of the grid", "share", false},
    {"Sample quality (SWD, lower is better)", "SWD", false},
};

QIcon swatch(const QColor& color) {
  QPixmap pixmap(14, 14);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.fillRect(QRect(1, 5, 12, 4), color);
  return QIcon(pixmap);
}

}  // namespace

ComparePanel::ComparePanel(QWidget* parent) : QWidget(parent), runs_(new RunCompare(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);

  // Left: the runs and the controls.
  auto* side = new QVBoxLayout;
  auto* add = new QPushButton("Add runs\u2026", this);
  add->setToolTip("A run folder, or a folder whose subfolders are runs (each is added)");
  auto* current = new QPushButton("Add current run", this);
  current->setToolTip("The run the window is training or following");
  auto* remove = new QPushButton("Remove", this);
  remove->setToolTip("Remove the selected run from the view (its folder is left alone)");
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add);
  buttons->addWidget(current);
  side->addLayout(buttons);
  list_ = new QListWidget(this);
  list_->setObjectName("compareRuns");
  list_->setToolTip("Tick to show a run; hover for its folder and notes");
  side->addWidget(list_, 1);
  side->addWidget(remove);
  auto* axis_row = new QHBoxLayout;
  axis_ = new QComboBox(this);
  axis_->addItem("step", int(CompareAxis::Step));
  axis_->addItem("images seen", int(CompareAxis::ImagesSeen));
  axis_->addItem("wall-clock time", int(CompareAxis::WallClock));
  axis_row->addWidget(new QLabel("x axis", this));
  axis_row->addWidget(axis_, 1);
  side->addLayout(axis_row);
  log_ = new QCheckBox("Log scale for losses and gradient norms", this);
  side->addWidget(log_);
  smoothing_ = new SmoothingControl(this);
  side->addWidget(smoothing_);
  auto* reset = new QPushButton("Reset zoom", this);
  reset->setToolTip("Or double-click a chart");
  side->addWidget(reset);
  message_ = new QLabel(this);
  message_->setObjectName("compareMessage");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  side->addWidget(message_);
  auto* side_widget = new QWidget(this);
  side_widget->setLayout(side);
  side_widget->setFixedWidth(300);
  layout->addWidget(side_widget);

  // Right: one legend, then the charts, training above, health below.
  auto* right = new QVBoxLayout;
  legend_ = new QLabel(this);
  legend_->setObjectName("compareLegend");
  legend_->setWordWrap(true);
  right->addWidget(legend_);
  auto* grid = new QGridLayout;
  grid->setSpacing(4);
  for (int i = 0; i < kCharts; ++i) {
    charts_.push_back(new CompareChart(kSpecs[i].title, kSpecs[i].y_title, kSpecs[i].can_log, this));
    grid->addWidget(charts_.back(), i / 3, i % 3);
  }
  right->addLayout(grid, 1);
  layout->addLayout(right, 1);

  timer_ = new QTimer(this);
  timer_->setInterval(100);  // coalesce slider drags and polls: at most 10 rebuilds a second
  connect(timer_, &QTimer::timeout, this, [this] {
    if (dirty_) refreshNow();
  });
  timer_->start();
  const auto later = [this] { dirty_ = true; };
  connect(runs_, &RunCompare::runsChanged, this, [this, later] {
    syncList();
    later();
  });
  connect(smoothing_, &SmoothingControl::changed, this, later);
  connect(axis_, &QComboBox::currentIndexChanged, this, later);
  connect(log_, &QCheckBox::toggled, this, later);
  connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    runs_->setShown(list_->row(item), item->checkState() == Qt::Checked);
  });
  connect(add, &QPushButton::clicked, this, &ComparePanel::chooseRunFolders);
  connect(current, &QPushButton::clicked, this, [this] {
    const QString dir = current_run_ ? current_run_() : QString();
    extra_message_ = dir.isEmpty() ? "No run is being trained or followed: attach to one (File \u25B8 Attach to run "
                                     "folder) or add its folder."
                                   : QString();
    if (!dir.isEmpty()) runs_->addRun(dir);
    dirty_ = true;
  });
  connect(remove, &QPushButton::clicked, this, [this] { runs_->removeRun(list_->currentRow()); });
  connect(reset, &QPushButton::clicked, this, [this] {
    for (CompareChart* c : charts_) c->view()->resetZoom();
  });
  refreshNow();
}

void ComparePanel::chooseRunFolders() {
  const QString dir = QFileDialog::getExistingDirectory(this, "Add run folder (or a folder of runs)");
  if (!dir.isEmpty()) addRunFolders(dir);
}

void ComparePanel::addRunFolders(const QString& dir) {
  const QStringList found = RunCompare::runFoldersIn(dir);
  extra_message_ = found.isEmpty() ? dir + ": no run folder here (no metrics.jsonl or config.json in it or its "
                                           "subfolders)"
                                   : QString();
  for (const QString& run : found) runs_->addRun(run);
  dirty_ = true;
}

void ComparePanel::setAxis(CompareAxis axis) { axis_->setCurrentIndex(axis_->findData(int(axis))); }

CompareAxis ComparePanel::axis() const { return CompareAxis(axis_->currentData().toInt()); }

void ComparePanel::setLogScale(bool on) { log_->setChecked(on); }

QString ComparePanel::message() const { return message_->text(); }

QString ComparePanel::legend() const { return legend_->text(); }

void ComparePanel::syncList() {
  QSignalBlocker block(list_);
  const int row = list_->currentRow();
  list_->clear();
  for (int i = 0; i < runs_->size(); ++i) {
    const ComparedRun& run = runs_->run(i);
    auto* item = new QListWidgetItem(swatch(run.color), (run.problem().isEmpty() ? "" : "\u26A0 ") + run.label(), list_);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(run.shown ? Qt::Checked : Qt::Unchecked);
    QStringList tip{run.dir()};
    if (run.batch() > 0) tip << QString("batch %1").arg(run.batch());
    for (const QString& text : {run.problem(), run.notes(), run.missingAxisReason(CompareAxis::ImagesSeen),
                                run.missingAxisReason(CompareAxis::WallClock)})
      if (!text.isEmpty()) tip << text;
    item->setToolTip(tip.join('\n'));
  }
  list_->setCurrentRow(std::min(row, list_->count() - 1));
}

void ComparePanel::updateAxisChoices() {
  // An axis no shown run can be drawn over is disabled, its tooltip saying why.
  auto* model = qobject_cast<QStandardItemModel*>(axis_->model());
  for (CompareAxis a : {CompareAxis::ImagesSeen, CompareAxis::WallClock}) {
    QStringList why;
    bool any = false;
    for (int i = 0; i < runs_->size(); ++i) {
      const ComparedRun& run = runs_->run(i);
      if (!run.shown || !run.problem().isEmpty()) continue;
      if (run.hasAxis(a)) any = true;
      else why << run.missingAxisReason(a);
    }
    QStandardItem* item = model->item(axis_->findData(int(a)));
    item->setEnabled(any || runs_->size() == 0);
    item->setToolTip(why.join('\n'));
  }
}

std::vector<RunCurves> ComparePanel::curvesOf(Chart which) const {
  static const Metric kPairs[3][2] = {{Metric::GLoss, Metric::DLoss},
                                      {Metric::DReal, Metric::DFake},
                                      {Metric::GGradNorm, Metric::DGradNorm}};
  std::vector<RunCurves> out;
  const CompareAxis a = axis();
  for (int i = 0; i < runs_->size(); ++i) {
    const ComparedRun& run = runs_->run(i);
    if (!run.shown || !run.problem().isEmpty()) continue;
    RunCurves curves{run.label(), run.color, {}};
    const auto add = [&](const QVector<QPointF>& raw, const QVector<QPointF>& smooth, Qt::PenStyle style) {
      curves.curves.push_back({run.onAxis(raw, a), run.onAxis(smooth, a), style});
    };
    const Qt::PenStyle styles[2] = {Qt::SolidLine, Qt::DashLine};
    if (which <= GradNorm) {
      for (int m = 0; m < 2; ++m) {
        const Metric metric = kPairs[which][m];
        add(run.metrics().raw(metric, ChartsPanel::kMaxPoints),
            run.metrics().smoothed(metric, smoothing_->value(), ChartsPanel::kMaxPoints), styles[m]);
      }
    } else if (which == Diversity) {
      add({}, run.health().series(HealthSeries::FeatureRatio), styles[0]);
      add({}, run.health().series(HealthSeries::PixelRatio), styles[1]);
    } else if (which == Duplicates) {
      add({}, run.health().series(HealthSeries::DuplicateFraction), styles[0]);
    } else {
      QVector<QPointF> swd;
      for (const QualityRecord& r : run.quality())
        if (std::isfinite(r.swd)) swd << QPointF(double(r.step), r.swd);
      add({}, swd, styles[0]);
    }
    out.push_back(std::move(curves));
  }
  return out;
}

void ComparePanel::refreshNow() {
  dirty_ = false;
  updateAxisChoices();
  const CompareAxis a = axis();
  QStringList lines;
  if (runs_->loading() > 0) lines << QString("Reading %1 run folder(s)\u2026").arg(runs_->loading());
  if (runs_->size() == 0 && runs_->loading() == 0)
    lines << "Add run folders to overlay their curves (Add runs\u2026, or File \u25B8 Compare runs\u2026).";
  if (!extra_message_.isEmpty()) lines << extra_message_;
  for (int i = 0; i < runs_->size(); ++i) {
    const ComparedRun& run = runs_->run(i);
    for (const QString& text : {run.problem(), run.notes()})
      if (!text.isEmpty()) lines << text;
    if (run.shown && run.problem().isEmpty() && !run.hasAxis(a)) lines << run.missingAxisReason(a) + ": not drawn";
  }
  QStringList entries;
  for (int i = 0; i < runs_->size(); ++i) {
    const ComparedRun& run = runs_->run(i);
    if (run.shown && run.problem().isEmpty())
      entries << QString("<span style='color:%1'>\u2501\u2501\u2501</span>&nbsp;%2")
                     .arg(run.color.name(), run.label().toHtmlEscaped());
  }
  legend_->setText(entries.join("&nbsp;&nbsp;&nbsp;&nbsp; "));
  for (int c = 0; c < kCharts; ++c) {
    charts_[size_t(c)]->setCurves(curvesOf(Chart(c)), axisTitle(a), log_->isChecked());
    if (!charts_[size_t(c)]->note().isEmpty()) lines << charts_[size_t(c)]->note();
  }
  message_->setText(lines.join('\n'));
}

}  // namespace gs

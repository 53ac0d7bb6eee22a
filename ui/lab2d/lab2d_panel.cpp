#include "ui/lab2d/lab2d_panel.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/lab2d/lab2d_canvas.h"
#include "ui/lab2d/lab2d_controller.h"

namespace gs {
namespace {

constexpr double kDrawingExtent = 2.0;  // the drawing canvas covers [-2, 2]^2
constexpr int kShownReal = 1000;

enum DistributionIndex { kRing = 0, kGrid = 1, kDrawing = 2 };

QString percent(double share) { return QString::number(100 * share, 'f', 1) + "%"; }

}  // namespace

Lab2dPanel::Lab2dPanel(QWidget* parent) : QWidget(parent) {
  setObjectName("lab2dPanel");
  controller_ = new Lab2dController(this);
  canvas_ = new Lab2dCanvas(this);

  alarm_ = new QLabel(this);
  alarm_->setObjectName("lab2dAlarm");
  alarm_->setWordWrap(true);
  alarm_->setStyleSheet("QLabel { background: #b3261e; color: white; padding: 6px 10px; border-radius: 4px; }");
  alarm_->hide();

  // Two rows of figures, so the tab stays narrow enough to sit between the docks.
  auto* stats = new QGridLayout;
  step_ = new QLabel(this);
  modes_ = new QLabel(this);
  quality_ = new QLabel(this);
  diversity_ = new QLabel(this);
  d_outputs_ = new QLabel(this);
  step_->setObjectName("lab2dStep");
  modes_->setObjectName("lab2dModes");
  quality_->setObjectName("lab2dQuality");
  int cell = 0;
  for (QLabel* l : {step_, modes_, quality_, diversity_, d_outputs_}) {
    stats->addWidget(l, cell / 3, cell % 3);
    ++cell;
  }
  stats->setColumnStretch(2, 1);

  auto* right = new QVBoxLayout;
  right->addWidget(alarm_);
  right->addLayout(stats);
  right->addWidget(canvas_, 1);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(buildControls());
  layout->addLayout(right, 1);

  connect(controller_, &Lab2dController::frameReady, this, &Lab2dPanel::showFrame);
  connect(controller_, &Lab2dController::runningChanged, this, &Lab2dPanel::updateButtons);
  connect(controller_, &Lab2dController::failed, this, [this](const QString& message) {
    alarm_->setText(message);
    alarm_->show();
    updateButtons();
  });
  connect(canvas_, &Lab2dCanvas::drawingChanged, this, [this] {
    updateTarget();
    updateButtons();
  });
  updateTarget();
  updateButtons();
}

Lab2dPanel::~Lab2dPanel() = default;

QWidget* Lab2dPanel::buildControls() {
  auto* box = new QGroupBox("2D lab", this);
  auto* form = new QFormLayout(box);
  const Lab2dConfig defaults;

  distribution_ = new QComboBox(box);
  distribution_->setObjectName("lab2dDistribution");
  distribution_->addItems({"Ring: 8 Gaussians", "Grid: 5 \u00D7 5 Gaussians", "Drawing"});
  draw_sigma_ = new QDoubleSpinBox(box);
  draw_sigma_->setRange(0.005, 0.5);
  draw_sigma_->setSingleStep(0.01);
  draw_sigma_->setDecimals(3);
  draw_sigma_->setValue(0.05);
  draw_sigma_->setToolTip("Spread (sigma) of the Gaussian around each drawn point");
  clear_drawing_ = new QPushButton("Clear drawing", box);
  loss_ = new QComboBox(box);
  loss_->setObjectName("lab2dLoss");
  for (LossKind k : {LossKind::NonSaturating, LossKind::Minimax, LossKind::WganGp, LossKind::Hinge})
    loss_->addItem(QString::fromStdString(toString(k)), int(k));
  lr_ = new QDoubleSpinBox(box);
  lr_->setObjectName("lab2dLearningRate");
  lr_->setDecimals(5);
  lr_->setRange(1e-5, 0.1);
  lr_->setSingleStep(1e-4);
  lr_->setValue(defaults.lr_g);
  steps_ = new QSpinBox(box);
  steps_->setObjectName("lab2dSteps");
  steps_->setRange(50, 200000);
  steps_->setSingleStep(500);
  steps_->setValue(int(defaults.steps));
  seed_ = new QSpinBox(box);
  seed_->setRange(1, 1000000);
  seed_->setValue(int(defaults.seed));
  form->addRow("Distribution", distribution_);
  form->addRow("Drawing sigma", draw_sigma_);
  form->addRow(QString(), clear_drawing_);
  form->addRow("Loss", loss_);
  form->addRow("Learning rate", lr_);
  form->addRow("Steps", steps_);
  form->addRow("Seed", seed_);

  start_ = new QPushButton("Start", box);
  pause_ = new QPushButton("Pause", box);
  reset_ = new QPushButton("Reset", box);
  start_->setObjectName("lab2dStart");
  pause_->setObjectName("lab2dPause");
  reset_->setObjectName("lab2dReset");
  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {start_, pause_, reset_}) buttons->addWidget(b);
  form->addRow(buttons);

  show_surface_ = new QCheckBox("D's decision surface", box);
  show_density_ = new QCheckBox("G's density", box);
  show_real_ = new QCheckBox("Real points", box);
  show_generated_ = new QCheckBox("Generated points", box);
  for (QCheckBox* c : {show_surface_, show_density_, show_real_, show_generated_}) {
    c->setChecked(true);
    form->addRow(c);
    connect(c, &QCheckBox::toggled, this, [this] {
      canvas_->setLayers(show_surface_->isChecked(), show_density_->isChecked(), show_real_->isChecked(),
                         show_generated_->isChecked());
    });
  }
  auto* legend = new QLabel(
      "<small>Background: <span style='color:#009e73'>green</span> where D says real, "
      "<span style='color:#cc79a7'>pink</span> where it says fake; <span style='color:#e69f00'>orange</span>: "
      "where G puts its points. Points: <span style='color:#009e73'>real</span>, "
      "<span style='color:#3d9be0'>generated</span>. Dashed circles: 3&sigma; around each mode (a sample inside "
      "is high quality).</small>",
      box);
  legend->setWordWrap(true);
  form->addRow(legend);
  box->setMaximumWidth(300);

  connect(distribution_, &QComboBox::currentIndexChanged, this, [this] {
    reset();
    updateTarget();
  });
  connect(draw_sigma_, &QDoubleSpinBox::valueChanged, this, &Lab2dPanel::updateTarget);
  connect(clear_drawing_, &QPushButton::clicked, this, [this] {
    reset();
    canvas_->clearDrawing();
  });
  connect(start_, &QPushButton::clicked, this, &Lab2dPanel::start);
  connect(pause_, &QPushButton::clicked, this, &Lab2dPanel::togglePause);
  connect(reset_, &QPushButton::clicked, this, &Lab2dPanel::reset);
  return box;
}

void Lab2dPanel::selectDistribution(const QString& name) {
  distribution_->setCurrentIndex(name == "grid" ? kGrid : name == "drawing" ? kDrawing : kRing);
}

Lab2dConfig Lab2dPanel::config() const {
  Lab2dConfig c;
  c.loss = static_cast<LossKind>(loss_->currentData().toInt());
  c.lr_g = c.lr_d = lr_->value();
  c.steps = steps_->value();
  c.seed = static_cast<uint64_t>(seed_->value());
  return c;
}

PointMixture Lab2dPanel::mixture() const {
  switch (distribution_->currentIndex()) {
    case kGrid: return gridMixture();
    case kDrawing: {
      PointMixture m;  // may be empty: start() reports it
      m.name = "drawing";
      m.sigma = draw_sigma_->value();
      m.centres = canvas_->drawing();
      return m;
    }
    default: return ringMixture();
  }
}

void Lab2dPanel::updateTarget() {
  const bool drawing = distribution_->currentIndex() == kDrawing;
  draw_sigma_->setEnabled(drawing);
  clear_drawing_->setEnabled(drawing);
  canvas_->setDrawingEnabled(drawing);
  const PointMixture m = mixture();
  std::vector<Point2> real;
  if (!m.centres.empty()) {
    const at::Tensor s = m.sample(kShownReal, at::detail::createCPUGenerator(7)).to(at::kDouble).contiguous();
    const auto a = s.accessor<double, 2>();
    for (int64_t i = 0; i < s.size(0); ++i) real.push_back({a[i][0], a[i][1]});
  }
  canvas_->setTarget(m, real, drawing ? kDrawingExtent : m.viewExtent());
  if (!controller_->hasRun()) {
    step_->setText(drawing && m.centres.empty() ? "Click or drag on the canvas to draw a distribution."
                                                : "Press Start to train.");
    modes_->clear();
    quality_->clear();
    diversity_->clear();
    d_outputs_->clear();
  }
}

void Lab2dPanel::start() {
  const PointMixture m = mixture();
  if (m.centres.empty()) {
    alarm_->setText("The drawing is empty: click or drag on the canvas to add points, then Start.");
    alarm_->show();
    return;
  }
  alarms_.clear();
  alarm_->hide();
  canvas_->clearFrame();
  controller_->start(config(), m, canvas_->extent());
  step_->setText("Starting\u2026");
  updateButtons();
}

void Lab2dPanel::togglePause() {
  if (controller_->isRunning()) {
    controller_->pause();
  } else {
    controller_->resume();
  }
  updateButtons();
}

void Lab2dPanel::reset() {
  controller_->reset();
  alarms_.clear();
  alarm_->hide();
  canvas_->clearFrame();
  updateTarget();
  updateButtons();
}

void Lab2dPanel::showFrame() {
  const Lab2dFrame f = controller_->takeFrame();
  if (!controller_->hasRun() || f.total_steps == 0) return;  // a frame from a run since reset
  canvas_->setFrame(f);
  const Lab2dMeasures& m = f.measures;
  step_->setText(QString("Step %1 / %2").arg(m.step).arg(f.total_steps));
  modes_->setText(QString("Modes captured %1 / %2").arg(m.coverage.modes_captured).arg(m.coverage.modes_total));
  quality_->setText("High quality " + percent(m.coverage.highQualityShare()));
  diversity_->setText(QString("Diversity %1").arg(m.diversity_ratio, 0, 'f', 2));
  d_outputs_->setText(QString("D(real) %1  D(fake) %2").arg(m.d_real, 0, 'f', 2).arg(m.d_fake, 0, 'f', 2));
  for (const Alarm& a : m.raised) alarms_.push_back(a);
  showAlarms();
}

void Lab2dPanel::showAlarms() {
  if (alarms_.empty()) return alarm_->hide();
  QStringList lines;
  for (const Alarm& a : alarms_) {
    QString line = QString("<b>%1</b> at step %2: %3")
                       .arg(QString::fromStdString(toString(a.kind)))
                       .arg(a.step)
                       .arg(QString::fromStdString(a.message).toHtmlEscaped());
    if (!a.remedies.empty()) {
      QStringList remedies;
      for (const std::string& r : a.remedies) remedies << QString::fromStdString(r);
      line += " <i>Try: " + remedies.join(", ") + ".</i>";
    }
    lines << line;
  }
  alarm_->setText(lines.join("<br>"));
  alarm_->show();
}

void Lab2dPanel::updateButtons() {
  const bool running = controller_->isRunning();
  const bool has_run = controller_->hasRun();
  start_->setText(has_run ? "Restart" : "Start");
  pause_->setText(running || !has_run ? "Pause" : "Resume");
  pause_->setEnabled(has_run);
  reset_->setEnabled(has_run);
}

}  // namespace gs

#include "ui/explore/projection_dialog.h"

#include <QChart>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

#include "explore/generator_session.h"
#include "ui/explore/projection_runner.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/metric_chart_view.h"

namespace gs {
namespace {

constexpr int kImageSide = 192;  // target and result shown at this size (nearest neighbour: pixels stay pixels)

QLabel* imageBox(const QString& placeholder, QWidget* parent) {
  auto* label = new QLabel(placeholder, parent);
  label->setFixedSize(kImageSide + 4, kImageSide + 4);
  label->setAlignment(Qt::AlignCenter);
  label->setFrameShape(QFrame::StyledPanel);
  label->setWordWrap(true);
  return label;
}

void showImage(QLabel* label, const QImage& image) {
  label->setPixmap(QPixmap::fromImage(image.scaled(kImageSide, kImageSide, Qt::KeepAspectRatio, Qt::FastTransformation)));
}

QString formatSeconds(double s) {
  return s >= 60 ? QString("%1m%2s").arg(int(s) / 60).arg(int(s) % 60, 2, 10, QChar('0')) : QString("%1 s").arg(s, 0, 'f', 0);
}

}  // namespace

ProjectionDialog::ProjectionDialog(std::shared_ptr<GeneratorSession> session, QWidget* parent)
    : QDialog(parent), session_(std::move(session)), runner_(new ProjectionRunner(this)) {
  setWindowTitle("Project image \u2014 " + QString::fromStdString(session_->label()));
  auto* layout = new QVBoxLayout(this);

  // Target | result | loss curve.
  auto* images = new QGridLayout;
  target_ = imageBox("Choose a picture to find in the generator", this);
  result_ = imageBox("The generator's closest image appears here", this);
  images->addWidget(new QLabel("Target (as the generator sees it)", this), 0, 0);
  images->addWidget(new QLabel("Result", this), 0, 1);
  images->addWidget(target_, 1, 0);
  images->addWidget(result_, 1, 1);
  QChart* chart = newAppChart("Projection loss");
  chart->legend()->hide();
  x_ = newStepAxis(5);
  y_ = new QValueAxis;
  y_->setTitleText("loss");
  y_->setLabelFormat("%.2f");
  y_->setRange(0, 1);
  chart->addAxis(x_, Qt::AlignBottom);
  chart->addAxis(y_, Qt::AlignLeft);
  useRoundTicks(y_, 4);
  curve_ = new QLineSeries;
  curve_->setPen(QPen(QColor(86, 180, 233), 2));
  chart->addSeries(curve_);
  curve_->attachAxis(x_);
  curve_->attachAxis(y_);
  chart_view_ = new MetricChartView(chart, this);
  chart_view_->setMinimumSize(340, kImageSide + 4);
  images->addWidget(chart_view_, 0, 2, 2, 1);
  images->setColumnStretch(2, 1);
  layout->addLayout(images);

  // What to find and how.
  auto* controls = new QHBoxLayout;
  choose_ = new QPushButton("Choose &image\u2026", this);
  path_label_ = new QLabel(this);
  path_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  space_ = new QComboBox(this);
  if (session_->isStyleBased()) {
    space_->addItem("w (one style for every layer)", int(LatentSpace::W));
    space_->addItem("w+ (a style per layer)", int(LatentSpace::WPlus));
  }
  space_->addItem("z (the latent the sliders move)", int(LatentSpace::Z));
  space_->setToolTip("Where to search: w is StyleGAN2's choice; w+ fits closer but edits less cleanly");
  steps_ = new QSpinBox(this);
  steps_->setRange(10, 5000);
  steps_->setValue(300);
  steps_->setSuffix(" steps");
  seed_ = new QSpinBox(this);
  seed_->setRange(0, 1000000);
  seed_->setPrefix("seed ");
  seed_->setToolTip("z: the first of the seeds tried; w: the z the explorer's sliders start from");
  controls->addWidget(choose_);
  controls->addWidget(path_label_, 1);
  controls->addWidget(new QLabel("Search", this));
  controls->addWidget(space_);
  controls->addWidget(steps_);
  controls->addWidget(seed_);
  layout->addLayout(controls);

  auto* progress_row = new QHBoxLayout;
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  eta_ = new QLabel(this);
  eta_->setMinimumWidth(150);
  progress_row->addWidget(progress_, 1);
  progress_row->addWidget(eta_);
  layout->addLayout(progress_row);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);

  auto* buttons = new QHBoxLayout;
  project_ = new QPushButton("&Project", this);
  project_->setDefault(true);
  cancel_ = new QPushButton("&Cancel", this);
  use_ = new QPushButton("&Use in explorer", this);
  use_->setToolTip("The explorer starts from the latent found: edit your picture with its sliders and directions");
  auto* close = new QPushButton("Close", this);
  buttons->addStretch(1);
  for (QPushButton* b : {project_, cancel_, use_, close}) {
    b->setAutoDefault(false);
    buttons->addWidget(b);
  }
  layout->addLayout(buttons);
  setBusy(false);
  project_->setEnabled(false);
  use_->setEnabled(false);

  connect(choose_, &QPushButton::clicked, this, &ProjectionDialog::chooseImage);
  connect(project_, &QPushButton::clicked, this, &ProjectionDialog::start);
  connect(cancel_, &QPushButton::clicked, runner_, &ProjectionRunner::cancel);
  connect(close, &QPushButton::clicked, this, &QDialog::close);
  connect(use_, &QPushButton::clicked, this, [this] {
    Q_EMIT useLatent(runner_->result().latent);
    status_->setText(status_->text() + "\nThe explorer now starts from this latent.");
  });
  connect(runner_, &ProjectionRunner::targetReady, this, [this](const QImage& t) { showImage(target_, t); });
  connect(runner_, &ProjectionRunner::progressed, this, &ProjectionDialog::onProgress);
  connect(runner_, &ProjectionRunner::finished, this, &ProjectionDialog::onFinished);
  connect(runner_, &ProjectionRunner::failed, this, &ProjectionDialog::onFailed);
}

ProjectionDialog::~ProjectionDialog() = default;

void ProjectionDialog::setImagePath(const QString& path) {
  path_ = path;
  path_label_->setText(QFileInfo(path).fileName());
  path_label_->setToolTip(path);
  project_->setEnabled(!runner_->isRunning());
}

void ProjectionDialog::chooseImage() {
  const QString path = QFileDialog::getOpenFileName(this, "Choose a picture to find", QString(),
                                                    "Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff)");
  if (!path.isEmpty()) setImagePath(path);
}

bool ProjectionDialog::isRunning() const { return runner_->isRunning(); }

void ProjectionDialog::start() {
  if (path_.isEmpty() || runner_->isRunning()) return;
  ProjectionOptions o;
  o.space = LatentSpace(space_->currentData().toInt());
  o.steps = steps_->value();
  o.seed = uint64_t(seed_->value());
  o.preview_every = std::max(1, o.steps / 30);
  curve_->clear();
  max_loss_ = 0;
  x_->setRange(0, o.steps);
  progress_->setRange(0, o.steps);
  progress_->setValue(0);
  status_->setText("Looking for " + QFileInfo(path_).fileName() + "\u2026");
  eta_->clear();
  started_ms_ = QDateTime::currentMSecsSinceEpoch();
  if (runner_->start(session_, path_, o)) setBusy(true);
}

void ProjectionDialog::setBusy(bool busy) {
  project_->setEnabled(!busy && !path_.isEmpty());
  cancel_->setEnabled(busy);
  choose_->setEnabled(!busy);
  space_->setEnabled(!busy);
  steps_->setEnabled(!busy);
  seed_->setEnabled(!busy);
  if (busy) use_->setEnabled(false);
}

void ProjectionDialog::onProgress(int step, int total, double loss, const QImage& preview) {
  progress_->setValue(step);
  if (!preview.isNull()) showImage(result_, preview);
  curve_->append(step, loss);
  max_loss_ = std::max(max_loss_, loss);
  y_->setRange(0, max_loss_ * 1.05);
  const double elapsed = (QDateTime::currentMSecsSinceEpoch() - started_ms_) / 1000.0;
  if (step > 0) eta_->setText(QString("%1/%2 \u00B7 %3 left").arg(step).arg(total).arg(formatSeconds(elapsed / step * (total - step))));
}

void ProjectionDialog::showCurve(const std::vector<float>& curve) {
  QList<QPointF> points;
  double hi = 0;
  for (size_t i = 0; i < curve.size(); ++i) {
    points << QPointF(double(i + 1), curve[i]);
    hi = std::max(hi, double(curve[i]));
  }
  curve_->replace(points);
  if (hi > 0) y_->setRange(0, hi * 1.05);
}

void ProjectionDialog::onFinished() {
  setBusy(false);
  const ProjectionResult& r = runner_->result();
  showImage(result_, toQImage(r.image));
  showCurve(r.loss_curve);
  progress_->setValue(r.steps_done);
  eta_->setText(QString("%1 steps in %2").arg(r.steps_done).arg(formatSeconds(r.seconds)));
  QString text = QString("%1%2 latent \u00B7 loss %3 \u00B7 mean pixel error %4 levels (the starting latent: %5)")
                     .arg(r.cancelled ? "Cancelled: the " : "Found: a ")
                     .arg(latentSpaceName(r.latent.space))
                     .arg(r.loss, 0, 'g', 4)
                     .arg(r.pixel_error, 0, 'f', 1)
                     .arg(r.start_pixel_error, 0, 'f', 1);
  if (!r.note.empty()) text += "\n" + QString::fromStdString(r.note);
  else if (r.used_discriminator) text += "\nWith the discriminator's features of this checkpoint.";
  status_->setText(text);
  use_->setEnabled(true);
  Q_EMIT finished(true);
}

void ProjectionDialog::onFailed(const QString& message) {
  setBusy(false);
  progress_->setValue(0);
  eta_->clear();
  status_->setText("Could not project: " + message);
  Q_EMIT finished(false);
}

QString ProjectionDialog::summary() const { return status_->text(); }

int ProjectionDialog::curvePoints() const { return int(curve_->count()); }

void ProjectionDialog::closeEvent(QCloseEvent* event) {
  runner_->cancel();  // the runner waits for its worker when the dialog goes
  QDialog::closeEvent(event);
}

}  // namespace gs

#include "ui/training/sample_timeline.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "export/animation_export.h"
#include "export/png_export.h"
#include "training/run_folder.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/image_canvas.h"

namespace gs {

SampleTimeline::SampleTimeline(ImageCanvas* live, QWidget* parent) : QWidget(parent), live_(live) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  stack_ = new QStackedWidget(this);
  live_->setParent(stack_);
  stack_->addWidget(live_);
  auto* pair = new QWidget(stack_);
  auto* pair_layout = new QHBoxLayout(pair);
  pair_layout->setContentsMargins(0, 0, 0, 0);
  view_a_ = new ImageCanvas(pair);
  view_b_ = new ImageCanvas(pair);
  view_b_->hide();
  pair_layout->addWidget(view_a_, 1);
  pair_layout->addWidget(view_b_, 1);
  stack_->addWidget(pair);
  layout->addWidget(stack_, 1);

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 0, 6, 4);
  live_button_ = new QPushButton("Live", this);
  live_button_->setCheckable(true);
  live_button_->setChecked(true);
  live_button_->setToolTip("Show the current grid (the explorer's generator, or the newest of a training run)");
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setToolTip("Scrub through the run's saved grids: the same latents at every sample step");
  slider_b_ = new QSlider(Qt::Horizontal, this);
  slider_b_->setToolTip("The step shown on the right");
  slider_b_->hide();
  compare_ = new QCheckBox("Compare", this);
  compare_->setToolTip("Show a second step beside the first");
  export_ = new QPushButton("Export video\u2026", this);
  export_->setToolTip("The timeline as an MP4 or animated PNG, labelled AI-generated");
  label_ = new QLabel("No run: train or follow one to scrub its grids.", this);
  bar->addWidget(live_button_);
  bar->addWidget(slider_, 3);
  bar->addWidget(compare_);
  bar->addWidget(slider_b_, 2);
  bar->addWidget(export_);
  layout->addLayout(bar);
  label_->setContentsMargins(6, 0, 6, 4);
  layout->addWidget(label_);

  connect(slider_, &QSlider::valueChanged, this, [this] { updateView(false); });
  connect(slider_b_, &QSlider::valueChanged, this, [this] { updateView(true); });
  connect(live_button_, &QPushButton::toggled, this, [this](bool on) {
    if (on) showLive();
    else if (!steps_.empty()) updateView(false);
    else live_button_->setChecked(true);
  });
  connect(compare_, &QCheckBox::toggled, this, [this](bool on) {
    slider_b_->setVisible(on);
    view_b_->setVisible(on);
    if (on && !steps_.empty()) {
      if (live_button_->isChecked()) slider_->setValue(0);  // compare the first grid with the newest
      slider_b_->setValue(slider_b_->maximum());
      updateView(false);
      updateView(true);
    }
  });
  connect(export_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, "Export timeline video", "timeline.mp4",
                                                      "Videos (*.mp4);;Animated PNG (*.png)");
    if (!path.isEmpty()) exportVideo(path);
  });
  refresh();
}

SampleTimeline::~SampleTimeline() = default;

void SampleTimeline::setRunFolder(const QString& run_dir) {
  if (run_dir == run_dir_) return refresh();
  run_dir_ = run_dir;
  metrics_.clear();
  metrics_tail_ = run_dir.isEmpty() ? nullptr : std::make_unique<LineTail>(RunPaths{run_dir.toStdString()}.metrics());
  showLive();
  refresh();
}

void SampleTimeline::refresh() {
  steps_.clear();
  files_.clear();
  if (!run_dir_.isEmpty())
    for (const std::string& f : listSamples(run_dir_.toStdString())) {
      steps_.push_back(stepOfFile(f));
      files_.push_back(QString::fromStdString(f));
    }
  if (metrics_tail_) {
    const std::vector<std::string> lines = metrics_tail_->poll();
    if (metrics_tail_->wasReset()) metrics_.clear();
    for (const std::string& line : lines) {
      StepStats s;
      if (parseMetricsLine(line, s)) metrics_[s.step] = s;
    }
  }
  const int last = std::max(0, int(steps_.size()) - 1);
  for (QSlider* s : {slider_, slider_b_}) {
    const bool at_end = s->value() == s->maximum();
    const QSignalBlocker block(s);
    s->setRange(0, last);
    if (at_end) s->setValue(last);  // following the newest grid
  }
  slider_->setEnabled(!steps_.empty());
  compare_->setEnabled(!steps_.empty());
  export_->setEnabled(!steps_.empty());
  if (!live_button_->isChecked() && !steps_.empty()) {
    updateView(false);
    if (compare_->isChecked()) updateView(true);
  }
  label_->setText(readout());
}

qint64 SampleTimeline::shownStep() const {
  if (live_button_->isChecked() || steps_.empty()) return -1;
  return steps_[size_t(std::clamp(slider_->value(), 0, int(steps_.size()) - 1))];
}

void SampleTimeline::showStep(qint64 step, bool second) {
  if (steps_.empty()) return;
  auto it = std::upper_bound(steps_.begin(), steps_.end(), step);
  const int index = it == steps_.begin() ? 0 : int(it - steps_.begin()) - 1;
  (second ? slider_b_ : slider_)->setValue(index);
  updateView(second);
}

void SampleTimeline::showLive() {
  const QSignalBlocker block(live_button_);
  live_button_->setChecked(true);
  stack_->setCurrentIndex(0);
  label_->setText(readout());
}

void SampleTimeline::updateView(bool second) {
  if (steps_.empty()) return;
  QSlider* slider = second ? slider_b_ : slider_;
  const size_t i = size_t(std::clamp(slider->value(), 0, int(steps_.size()) - 1));
  ImageCanvas* view = second ? view_b_ : view_a_;
  view->setImage(QImage(files_[i]));
  view->setCaption(describe(steps_[i]));
  if (!second) {
    const QSignalBlocker block(live_button_);
    live_button_->setChecked(false);
    stack_->setCurrentIndex(1);
  }
  label_->setText(readout());
}

QString SampleTimeline::describe(qint64 step) const {
  QString text = QString("step %1").arg(step);
  auto it = metrics_.upper_bound(step);  // the last logged step at or before the grid's
  if (it != metrics_.begin()) {
    const StepStats& s = std::prev(it)->second;
    text += QString(" \u00B7 G %1 \u00B7 D %2 \u00B7 D(x) %3 \u00B7 D(G(z)) %4")
                .arg(s.g_loss, 0, 'f', 3)
                .arg(s.d_loss, 0, 'f', 3)
                .arg(s.d_real, 0, 'f', 2)
                .arg(s.d_fake, 0, 'f', 2);
    if (s.step != step) text += QString(" (logged at step %1)").arg(s.step);
  }
  return text;
}

QString SampleTimeline::readout() const {
  if (run_dir_.isEmpty() || steps_.empty())
    return run_dir_.isEmpty() ? "No run: train or follow one to scrub its grids."
                              : "No saved grids in " + run_dir_ + " yet.";
  const QString range = QString("%1 grids, steps %2-%3 of %4").arg(steps_.size()).arg(steps_.front()).arg(steps_.back())
                            .arg(QFileInfo(run_dir_).fileName());
  if (live_button_->isChecked()) return "Live grid \u00B7 timeline: " + range + " (move the slider to scrub)";
  QString text = describe(shownStep()) + " \u00B7 " + range;
  if (compare_->isChecked())
    text += " \u00B7 right: step " + QString::number(steps_[size_t(std::clamp(slider_b_->value(), 0, int(steps_.size()) - 1))]);
  return text;
}

bool SampleTimeline::exportVideo(const QString& path, int fps) {
  if (steps_.empty()) {
    Q_EMIT message("No saved grids to export.");
    return false;
  }
  try {
    PngText text = standardExportText();
    text.emplace_back("Run", run_dir_.toStdString());
    text.emplace_back("Steps", std::to_string(steps_.front()) + "-" + std::to_string(steps_.back()) + " (" +
                                   std::to_string(steps_.size()) + " grids)");
    auto writer = AnimationWriter::open(path.toStdString(), fps, text);
    for (const QString& f : files_) writer->add(readPng(f.toStdString()));
    writer->finish();
  } catch (const std::exception& e) {
    Q_EMIT message(QString::fromStdString(e.what()));
    return false;
  }
  Q_EMIT message(QString("Exported %1 grids to %2 (labelled AI-generated).").arg(steps_.size()).arg(path));
  return true;
}

}  // namespace gs

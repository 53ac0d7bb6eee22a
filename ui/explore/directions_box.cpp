#include "ui/explore/directions_box.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "explore/generator_session.h"

namespace gs {

DirectionsBox::DirectionsBox(QWidget* parent) : QWidget(parent), watcher_(new QFutureWatcher<Found>(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  status_ = new QLabel("No generator yet.", this);
  status_->setWordWrap(true);
  layout->addWidget(status_);

  layer_row_ = new QWidget(this);
  auto* layer_layout = new QHBoxLayout(layer_row_);
  layer_layout->setContentsMargins(0, 0, 0, 0);
  first_layer_ = new QComboBox(layer_row_);
  last_layer_ = new QComboBox(layer_row_);
  first_layer_->setToolTip("First synthesis layer the edit reaches (low layers: pose and shape)");
  last_layer_->setToolTip("Last synthesis layer the edit reaches (high layers: colour and texture)");
  layer_layout->addWidget(new QLabel("Layers", layer_row_));
  layer_layout->addWidget(first_layer_, 1);
  layer_layout->addWidget(new QLabel("to", layer_row_));
  layer_layout->addWidget(last_layer_, 1);
  layout->addWidget(layer_row_);
  layer_row_->hide();

  auto* grid = new QGridLayout;
  grid->setVerticalSpacing(2);
  for (int i = 0; i < kDirections; ++i) {
    auto* name = new QLabel(QString("PC%1").arg(i), this);
    auto* slider = new QSlider(Qt::Horizontal, this);
    slider->setObjectName(QString("direction%1").arg(i));
    slider->setRange(int(-4 * kScale), int(4 * kScale));
    slider->setEnabled(false);
    auto* value = new QLabel("+0.0\u03C3", this);
    value->setMinimumWidth(44);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(name, i, 0);
    grid->addWidget(slider, i, 1);
    grid->addWidget(value, i, 2);
    names_.push_back(name);
    sliders_.push_back(slider);
    values_.push_back(value);
    connect(slider, &QSlider::valueChanged, this, [this, i](int v) {
      if (size_t(i) >= amounts_.size()) return;
      amounts_[size_t(i)] = float(v / kScale);
      showAmount(i);
      Q_EMIT changed();
    });
  }
  grid->setColumnStretch(1, 1);
  layout->addLayout(grid);
  reset_ = new QPushButton("Reset directions", this);
  auto* sweep = new QPushButton("Export sweep video\u2026", this);
  sweep->setObjectName("exportSweep");
  sweep->setToolTip("A looping video of the explorer image swept along one direction, +-3 sigma");
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(reset_);
  buttons->addWidget(sweep);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  connect(sweep, &QPushButton::clicked, this, &DirectionsBox::sweepRequested);
  layout->addStretch(1);

  connect(watcher_, &QFutureWatcher<Found>::finished, this, [this] {
    const Found found = watcher_->result();
    if (!found.error.isEmpty()) status_->setText("No directions: " + found.error);
    else setDirections(found.directions);
    Q_EMIT directionsReady();
    if (!edit().isZero()) Q_EMIT changed();  // a kept edit now follows the new directions
  });
  connect(reset_, &QPushButton::clicked, this, [this] {
    reset();
    Q_EMIT changed();
  });
  for (QComboBox* box : {first_layer_, last_layer_})
    connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, box](int) {
      // Keep first <= last: moving one past the other drags the other along.
      const QSignalBlocker b1(first_layer_), b2(last_layer_);
      if (first_layer_->currentIndex() > last_layer_->currentIndex()) {
        if (box == first_layer_) last_layer_->setCurrentIndex(first_layer_->currentIndex());
        else first_layer_->setCurrentIndex(last_layer_->currentIndex());
      }
      Q_EMIT changed();
    });
}

void DirectionsBox::setGenerator(std::shared_ptr<GeneratorSession> session, bool keep_edit) {
  session_ = std::move(session);
  const std::vector<int> layer_resolutions = session_ ? session_->styleLayerResolutions() : std::vector<int>{};
  // A new checkpoint of the same network (training writes one every few minutes) keeps the edit: the amounts
  // and the layer range stay, and the directions are found again for the new weights.
  const std::vector<int> shape =
      session_ ? std::vector<int>{session_->latentDim(), session_->wDim(), int(layer_resolutions.size())}
               : std::vector<int>{};
  const bool same_network = keep_edit && session_ && shape == shape_ && !directions_.empty();
  shape_ = shape;
  if (same_network) {
    status_->setText("Updating the directions for the new weights\u2026");
  } else {
    directions_ = {};
    amounts_.clear();
    {
      const QSignalBlocker b1(first_layer_), b2(last_layer_);
      first_layer_->clear();
      last_layer_->clear();
      for (size_t i = 0; i < layer_resolutions.size(); ++i) {
        const QString text = QString("%1 \u00B7 %2 px").arg(i).arg(layer_resolutions[i]);
        first_layer_->addItem(text);
        last_layer_->addItem(text);
      }
      first_layer_->setCurrentIndex(0);
      last_layer_->setCurrentIndex(int(layer_resolutions.size()) - 1);
    }
    layer_row_->setVisible(!layer_resolutions.empty());
    status_->setText("Finding directions\u2026");
    for (int i = 0; i < kDirections; ++i) {
      const QSignalBlocker block(sliders_[size_t(i)]);
      sliders_[size_t(i)]->setValue(0);
      sliders_[size_t(i)]->setEnabled(false);
      names_[size_t(i)]->setText(QString("PC%1").arg(i));
      values_[size_t(i)]->setText("");
    }
  }
  if (!session_) return status_->setText("No generator yet.");
  // Sampling w through the mapping takes a moment; the session serialises it with rendering.
  watcher_->setFuture(QtConcurrent::run([session = session_]() {
    Found found;
    try {
      found.directions = session->editDirections(kDirections);
    } catch (const std::exception& e) {
      found.error = QString::fromStdString(e.what());
    }
    return found;
  }));
}

bool DirectionsBox::isComputing() const { return watcher_->isRunning(); }

void DirectionsBox::setDirections(LatentDirections directions) {
  directions_ = std::move(directions);
  if (amounts_.size() != size_t(directions_.count())) {  // else: the same network's edit carries over
    amounts_.assign(size_t(directions_.count()), 0.0f);
    for (QSlider* slider : sliders_) {
      const QSignalBlocker block(slider);
      slider->setValue(0);
    }
  }
  const bool w = directions_.space == LatentDirections::Space::W;
  status_->setText(directions_.empty()
                       ? QString("This generator has no edit directions.")
                       : QString("%1. Sliders move %2 along each direction in standard deviations; the share is "
                                 "%3.")
                             .arg(QString::fromStdString(directions_.method))
                             .arg(w ? "w" : "z")
                             .arg(w ? "of w's variance" : "of the first block's response to z"));
  for (int i = 0; i < kDirections; ++i) {
    const bool on = i < directions_.count();
    sliders_[size_t(i)]->setEnabled(on);
    names_[size_t(i)]->setText(on ? QString("PC%1 \u00B7 %2%").arg(i).arg(100.0 * directions_.explained[size_t(i)], 0, 'f', 1)
                                  : QString("PC%1").arg(i));
    names_[size_t(i)]->setEnabled(on);
    showAmount(i);
  }
  applyPendingEdit();
}

void DirectionsBox::setEdit(const DirectionEdit& edit) {
  pending_edit_ = edit;
  if (!isComputing() && !directions_.empty()) applyPendingEdit();
}

void DirectionsBox::applyPendingEdit() {
  if (!pending_edit_) return;
  const DirectionEdit e = *pending_edit_;
  pending_edit_.reset();
  amounts_.assign(size_t(directions_.count()), 0.0f);
  for (size_t i = 0; i < e.amounts.size() && i < amounts_.size(); ++i) amounts_[i] = e.amounts[i];
  for (size_t i = 0; i < sliders_.size(); ++i) {
    const QSignalBlocker block(sliders_[i]);
    sliders_[i]->setValue(i < amounts_.size() ? int(std::lround(amounts_[i] * kScale)) : 0);
    showAmount(int(i));
  }
  if (first_layer_->count() > 0) {
    const QSignalBlocker b1(first_layer_), b2(last_layer_);
    first_layer_->setCurrentIndex(std::clamp(e.first_layer, 0, first_layer_->count() - 1));
    last_layer_->setCurrentIndex(e.last_layer < 0 ? last_layer_->count() - 1
                                                  : std::clamp(e.last_layer, 0, last_layer_->count() - 1));
  }
  Q_EMIT changed();
}

void DirectionsBox::reset() {
  for (size_t i = 0; i < sliders_.size(); ++i) {
    const QSignalBlocker block(sliders_[i]);
    sliders_[i]->setValue(0);
    if (i < amounts_.size()) amounts_[i] = 0.0f;
    showAmount(int(i));
  }
}

DirectionEdit DirectionsBox::edit() const {
  DirectionEdit e;
  e.amounts = amounts_;
  if (first_layer_->count() > 0) {
    e.first_layer = std::max(0, first_layer_->currentIndex());
    e.last_layer = last_layer_->currentIndex();
  }
  return e;
}

void DirectionsBox::showAmount(int i) {
  values_[size_t(i)]->setText(size_t(i) < amounts_.size() ? QString::asprintf("%+.1f\u03C3", double(amounts_[size_t(i)]))
                                                          : QString());
}

}  // namespace gs

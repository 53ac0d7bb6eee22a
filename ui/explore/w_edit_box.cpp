#include "ui/explore/w_edit_box.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace gs {

WEditBox::WEditBox(QWidget* parent) : QGroupBox("Edit w / w+", parent) {
  auto* grid = new QGridLayout(this);
  target_ = new QComboBox(this);
  target_->setToolTip("All layers: an edit in w. One layer: an edit in w+ that only that layer sees");
  dimension_ = new QSpinBox(this);
  dimension_->setPrefix("w[");
  dimension_->setSuffix("]");
  value_ = new QSlider(Qt::Horizontal, this);
  value_->setRange(int(-5 * kScale), int(5 * kScale));
  value_->setToolTip("Offset added to this dimension of w, after truncation");
  value_label_ = new QLabel("+0.00", this);
  value_label_->setFixedWidth(40);
  auto* clear_button = new QPushButton("Clear edits", this);
  grid->addWidget(new QLabel("Apply to", this), 0, 0);
  grid->addWidget(target_, 0, 1, 1, 2);
  grid->addWidget(new QLabel("Dimension", this), 1, 0);
  grid->addWidget(dimension_, 1, 1);
  grid->addWidget(clear_button, 1, 2);
  grid->addWidget(new QLabel("Offset", this), 2, 0);
  grid->addWidget(value_, 2, 1);
  grid->addWidget(value_label_, 2, 2);

  connect(target_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { showValue(); });
  connect(dimension_, qOverload<int>(&QSpinBox::valueChanged), this, [this] { showValue(); });
  connect(value_, &QSlider::valueChanged, this, [this](int v) {
    value_label_->setText(QString::asprintf("%+.2f", v / kScale));
    if (syncing_ || w_dim_ == 0) return;
    offsets()[size_t(dimension_->value())] = float(v / kScale);
    Q_EMIT changed();
  });
  connect(clear_button, &QPushButton::clicked, this, [this] {
    clear();
    Q_EMIT changed();
  });
}

void WEditBox::setShape(const std::vector<int>& layer_resolutions, int w_dim) {
  w_dim_ = w_dim;
  layer_offsets_.assign(layer_resolutions.size(), {});
  {
    const QSignalBlocker block(target_);
    target_->clear();
    target_->addItem("All layers (w)");
    for (size_t i = 0; i < layer_resolutions.size(); ++i)
      target_->addItem(QString("Layer %1 \u00B7 %2 px (w+)").arg(i).arg(layer_resolutions[i]));
  }
  dimension_->setRange(0, std::max(0, w_dim - 1));
  clear();
}

void WEditBox::clear() {
  w_offset_.clear();
  for (auto& o : layer_offsets_) o.clear();
  showValue();
}

void WEditBox::restore(const StyleControls& controls) {
  w_offset_ = controls.w_offset;
  for (size_t i = 0; i < layer_offsets_.size(); ++i)
    layer_offsets_[i] = i < controls.layers.size() ? controls.layers[i].w_offset : std::vector<float>{};
  showValue();
}

std::vector<float>& WEditBox::offsets() {
  const int target = target_->currentIndex();
  std::vector<float>& o = target <= 0 ? w_offset_ : layer_offsets_[size_t(target - 1)];
  if (o.empty()) o.assign(size_t(w_dim_), 0.0f);
  return o;
}

void WEditBox::showValue() {
  syncing_ = true;
  const int target = target_->currentIndex();
  const std::vector<float>* o = target <= 0 ? &w_offset_
                                : size_t(target - 1) < layer_offsets_.size() ? &layer_offsets_[size_t(target - 1)]
                                                                             : nullptr;
  const size_t dim = size_t(dimension_->value());
  const float v = o && dim < o->size() ? (*o)[dim] : 0.0f;
  value_->setValue(int(std::lround(v * kScale)));
  value_label_->setText(QString::asprintf("%+.2f", double(v)));
  syncing_ = false;
}

void WEditBox::apply(StyleControls& controls) const {
  auto edited = [](const std::vector<float>& o) {
    return std::any_of(o.begin(), o.end(), [](float v) { return v != 0.0f; });
  };
  if (edited(w_offset_)) controls.w_offset = w_offset_;
  for (size_t i = 0; i < layer_offsets_.size() && i < controls.layers.size(); ++i)
    if (edited(layer_offsets_[i])) controls.layers[i].w_offset = layer_offsets_[i];
}

}  // namespace gs

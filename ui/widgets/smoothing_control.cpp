#include "ui/widgets/smoothing_control.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

#include <cmath>

namespace gs {

SmoothingControl::SmoothingControl(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setRange(0, 99);
  slider_->setValue(60);
  slider_->setMaximumWidth(220);
  slider_->setToolTip("Weight of the running average (as TensorBoard); raw values are drawn faintly");
  label_ = new QLabel(this);
  layout->addWidget(new QLabel("Smoothing", this));
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);
  const auto show = [this] { label_->setText(QString::number(value(), 'f', 2)); };
  show();
  connect(slider_, &QSlider::valueChanged, this, [this, show] {
    show();
    Q_EMIT changed(value());
  });
}

double SmoothingControl::value() const { return slider_->value() / 100.0; }

void SmoothingControl::setValue(double weight) { slider_->setValue(int(std::lround(weight * 100))); }

}  // namespace gs

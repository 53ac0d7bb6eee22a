#include "ui/explore/latent_panel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "explore/latent_walk.h"

namespace gs {

LatentPanel::LatentPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);
  layout->setSpacing(10);

  // Seed row: the seed picks z; Randomise draws a new seed; Reset returns to the seed's latent.
  auto* seed_group = new QGroupBox("Latent", this);
  auto* seed_layout = new QGridLayout(seed_group);
  seed_box_ = new QSpinBox(seed_group);
  seed_box_->setRange(0, 2147483647);
  seed_box_->setToolTip("z ~ N(0, I) drawn from this seed; the same seed gives the same image in CLI and exports");
  auto* randomise = new QPushButton("Randomise", seed_group);
  auto* reset = new QPushButton("Reset", seed_group);
  reset->setToolTip("Undo slider edits: back to the seed's latent");
  seed_layout->addWidget(new QLabel("Seed", seed_group), 0, 0);
  seed_layout->addWidget(seed_box_, 0, 1);
  seed_layout->addWidget(randomise, 0, 2);
  seed_layout->addWidget(reset, 0, 3);
  truncation_ = new QSlider(Qt::Horizontal, seed_group);
  truncation_->setRange(0, 100);
  truncation_->setValue(100);
  truncation_->setToolTip("Truncation psi: lower trades variety for typical, cleaner images");
  truncation_label_ = new QLabel("psi 1.00", seed_group);
  truncation_label_->setMinimumWidth(60);
  seed_layout->addWidget(new QLabel("Truncation", seed_group), 1, 0);
  seed_layout->addWidget(truncation_, 1, 1, 1, 2);
  seed_layout->addWidget(truncation_label_, 1, 3);
  // Class-conditional generators: which class the latent is drawn as.
  class_label_ = new QLabel("Class", seed_group);
  class_box_ = new QComboBox(seed_group);
  class_box_->setToolTip("Class-conditional generator: the class the latent is rendered as");
  seed_layout->addWidget(class_label_, 2, 0);
  seed_layout->addWidget(class_box_, 2, 1, 1, 3);
  class_label_->hide();
  class_box_->hide();
  layout->addWidget(seed_group);

  auto* dims_group = new QGroupBox("Dimensions", this);
  buildSliders(dims_group);
  layout->addWidget(dims_group);

  // Interpolation between two stored latents.
  auto* interp_group = new QGroupBox("Interpolate A \u2192 B", this);
  auto* interp = new QGridLayout(interp_group);
  auto* set_a = new QPushButton("Set A", interp_group);
  auto* set_b = new QPushButton("Set B", interp_group);
  set_a->setToolTip("Store the current latent as A");
  set_b->setToolTip("Store the current latent as B");
  scrub_ = new QSlider(Qt::Horizontal, interp_group);
  scrub_->setRange(0, 1000);
  scrub_->setEnabled(false);
  ab_label_ = new QLabel("Store two latents to scrub between them", interp_group);
  ab_label_->setWordWrap(true);
  interp->addWidget(set_a, 0, 0);
  interp->addWidget(set_b, 0, 1);
  interp->addWidget(scrub_, 1, 0, 1, 2);
  interp->addWidget(ab_label_, 2, 0, 1, 2);
  layout->addWidget(interp_group);
  layout->addStretch(1);

  connect(seed_box_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int seed) { setSeed(uint64_t(seed)); });
  connect(randomise, &QPushButton::clicked, this,
          [this] { seed_box_->setValue(int(QRandomGenerator::global()->bounded(1000000))); });
  connect(reset, &QPushButton::clicked, this, [this] {
    setLatent(seed_z_);
    origin_seed_ = reset_seed_;
  });
  connect(truncation_, &QSlider::valueChanged, this, [this](int) {
    updateLabels();
    Q_EMIT latentChanged();
  });
  connect(class_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) {
    if (!syncing_) Q_EMIT latentChanged();
  });
  connect(set_a, &QPushButton::clicked, this, [this] {
    a_ = z_;
    updateLabels();
  });
  connect(set_b, &QPushButton::clicked, this, [this] {
    b_ = z_;
    updateLabels();
  });
  connect(scrub_, &QSlider::valueChanged, this, &LatentPanel::onScrub);
  setGenerator(0, {});
}

void LatentPanel::buildSliders(QWidget* host) {
  auto* grid = new QGridLayout(host);
  grid->setVerticalSpacing(2);
  auto* nav = new QHBoxLayout;
  prev_page_ = new QPushButton("\u25C0", host);
  next_page_ = new QPushButton("\u25B6", host);
  prev_page_->setFixedWidth(32);
  next_page_->setFixedWidth(32);
  page_label_ = new QLabel(host);
  jump_box_ = new QSpinBox(host);
  jump_box_->setPrefix("go to z[");
  jump_box_->setSuffix("]");
  jump_box_->setToolTip("Jump to a latent dimension by index");
  nav->addWidget(prev_page_);
  nav->addWidget(page_label_, 1, Qt::AlignCenter);
  nav->addWidget(next_page_);
  nav->addWidget(jump_box_);
  grid->addLayout(nav, 0, 0, 1, 3);
  for (int i = 0; i < kPerPage; ++i) {
    names_[i] = new QLabel(host);
    names_[i]->setMinimumWidth(44);
    sliders_[i] = new QSlider(Qt::Horizontal, host);
    sliders_[i]->setRange(int(-3 * kSliderScale), int(3 * kSliderScale));
    values_[i] = new QLabel(host);
    values_[i]->setMinimumWidth(44);
    values_[i]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(names_[i], i + 1, 0);
    grid->addWidget(sliders_[i], i + 1, 1);
    grid->addWidget(values_[i], i + 1, 2);
    connect(sliders_[i], &QSlider::valueChanged, this, [this, i](int v) { onSliderMoved(i, v); });
  }
  connect(prev_page_, &QPushButton::clicked, this, [this] { showDimension((page_ - 1) * kPerPage); });
  connect(next_page_, &QPushButton::clicked, this, [this] { showDimension((page_ + 1) * kPerPage); });
  connect(jump_box_, qOverload<int>(&QSpinBox::valueChanged), this, &LatentPanel::showDimension);
}

void LatentPanel::setGenerator(int latent_dim, std::function<std::vector<float>(uint64_t)> latent_for_seed) {
  latent_for_seed_ = std::move(latent_for_seed);
  setEnabled(latent_dim > 0);
  jump_box_->setRange(0, std::max(0, latent_dim - 1));
  a_.clear();
  b_.clear();
  scrub_->setValue(0);
  page_ = 0;
  if (latent_dim > 0 && latent_for_seed_) {
    seed_z_ = latent_for_seed_(seed());
  } else {
    seed_z_.assign(size_t(latent_dim), 0.0f);
  }
  z_ = seed_z_;
  origin_seed_ = reset_seed_ = seed();
  syncSliders();
  updateLabels();
}

void LatentPanel::setClasses(const std::vector<std::string>& names) {
  syncing_ = true;
  class_box_->clear();
  for (size_t k = 0; k < names.size(); ++k)
    class_box_->addItem(QString("%1 %2").arg(k).arg(QString::fromStdString(names[k])));
  syncing_ = false;
  class_label_->setVisible(!names.empty());
  class_box_->setVisible(!names.empty());
}

int LatentPanel::classIndex() const { return class_box_->count() > 0 ? class_box_->currentIndex() : -1; }

void LatentPanel::setClassIndex(int k) {
  if (k >= 0 && k < class_box_->count()) class_box_->setCurrentIndex(k);
}

void LatentPanel::setSeed(uint64_t seed) {
  if (seed_box_->value() != int(seed)) {
    seed_box_->setValue(int(seed));  // re-enters through valueChanged
    return;
  }
  showSeedLatent(seed);
}

void LatentPanel::showSeedLatent(uint64_t seed) {
  if (seed <= uint64_t(seed_box_->maximum()) && seed_box_->value() != int(seed)) {
    const QSignalBlocker block(seed_box_);
    seed_box_->setValue(int(seed));
  }
  if (latent_for_seed_) seed_z_ = latent_for_seed_(seed);
  setLatent(seed_z_);
  origin_seed_ = reset_seed_ = seed;
}

void LatentPanel::setLatent(const std::vector<float>& z) {
  z_ = z;
  origin_seed_.reset();  // a latent given by hand (or a recipe) is no seed's; showSeedLatent sets it after
  syncSliders();
  Q_EMIT latentChanged();
}

float LatentPanel::truncation() const { return truncation_->value() / 100.0f; }
void LatentPanel::setTruncation(float psi) { truncation_->setValue(int(std::lround(psi * 100.0f))); }
uint64_t LatentPanel::seed() const { return uint64_t(seed_box_->value()); }
int LatentPanel::pageCount() const { return std::max(1, int((z_.size() + kPerPage - 1) / kPerPage)); }

void LatentPanel::showDimension(int index) {
  const int page = std::clamp(index / kPerPage, 0, pageCount() - 1);
  if (page == page_) return;
  page_ = page;
  syncSliders();
}

void LatentPanel::syncSliders() {
  syncing_ = true;
  for (int i = 0; i < kPerPage; ++i) {
    const size_t dim = size_t(page_) * kPerPage + i;
    const bool used = dim < z_.size();
    sliders_[i]->setVisible(used);
    names_[i]->setVisible(used);
    values_[i]->setVisible(used);
    if (!used) continue;
    names_[i]->setText(QString("z[%1]").arg(dim));
    sliders_[i]->setValue(int(std::lround(z_[dim] * kSliderScale)));
    values_[i]->setText(QString::number(z_[dim], 'f', 2));
  }
  page_label_->setText(QString("page %1 / %2").arg(page_ + 1).arg(pageCount()));
  prev_page_->setEnabled(page_ > 0);
  next_page_->setEnabled(page_ + 1 < pageCount());
  syncing_ = false;
}

void LatentPanel::onSliderMoved(int slot, int value) {
  if (syncing_) return;
  const size_t dim = size_t(page_) * kPerPage + slot;
  if (dim >= z_.size()) return;
  z_[dim] = float(value / kSliderScale);
  origin_seed_.reset();
  values_[slot]->setText(QString::number(z_[dim], 'f', 2));
  Q_EMIT latentChanged();
}

void LatentPanel::onScrub(int value) {
  if (a_.size() != z_.size() || b_.size() != z_.size()) return;
  z_ = slerp(a_, b_, value / 1000.0);
  origin_seed_.reset();
  syncSliders();
  updateLabels();
  Q_EMIT latentChanged();
}

void LatentPanel::updateLabels() {
  truncation_label_->setText(QString("psi %1").arg(truncation(), 0, 'f', 2));
  const bool ready = !a_.empty() && !b_.empty() && a_.size() == z_.size() && b_.size() == z_.size();
  scrub_->setEnabled(ready);
  if (ready) {
    ab_label_->setText(QString("t = %1 (A \u2192 B, spherical)").arg(scrub_->value() / 1000.0, 0, 'f', 3));
  } else {
    ab_label_->setText(QString("A: %1 \u00B7 B: %2").arg(a_.empty() ? "not set" : "set", b_.empty() ? "not set" : "set"));
  }
}

}  // namespace gs

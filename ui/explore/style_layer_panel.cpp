#include "ui/explore/style_layer_panel.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

#include "ui/explore/w_edit_box.h"

namespace gs {
namespace {

constexpr double kScale = 100.0;  // slider units per unit of psi or noise strength

struct LayerGroup {
  const char* title;
  const char* hint;
  int min_res, max_res;
};
const LayerGroup kGroups[] = {{"Coarse", "4\u20138 px: pose, shape", 0, 8},
                              {"Middle", "16\u201332 px: features", 16, 32},
                              {"Fine", "64 px and up: colour, texture", 64, 1 << 20}};

QSlider* makeSlider(QWidget* parent, int max, int value, const QString& tip) {
  auto* s = new QSlider(Qt::Horizontal, parent);
  s->setRange(0, max);
  s->setValue(value);
  s->setToolTip(tip);
  s->setMinimumWidth(70);
  return s;
}

QSpinBox* makeSeedBox(QWidget* parent, int value, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setRange(0, 2147483647);
  box->setValue(value);
  box->setToolTip(tip);
  return box;
}

}  // namespace

StyleLayerPanel::StyleLayerPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);
  layout->setSpacing(8);

  auto* top = new QGroupBox("Latent B and noise", this);
  auto* top_grid = new QGridLayout(top);
  seed_b_ = makeSeedBox(top, 1, "Latent B: the layers switched to B take their style from this seed's latent");
  noise_seed_ = makeSeedBox(top, 0, "Seed of the per-pixel noise maps (the same for every image)");
  auto* reset_button = new QPushButton("Reset", top);
  reset_button->setToolTip("No mixing, psi 1 and noise 1 on every layer, noise seed 0");
  top_grid->addWidget(new QLabel("B seed", top), 0, 0);
  top_grid->addWidget(seed_b_, 0, 1);
  top_grid->addWidget(reset_button, 0, 2);
  top_grid->addWidget(new QLabel("Noise seed", top), 1, 0);
  top_grid->addWidget(noise_seed_, 1, 1);
  summary_ = new QLabel(top);
  summary_->setWordWrap(true);
  top_grid->addWidget(summary_, 2, 0, 1, 3);
  layout->addWidget(top);
  w_edit_ = new WEditBox(this);
  layout->addWidget(w_edit_);

  groups_layout_ = new QVBoxLayout;
  groups_layout_->setSpacing(8);
  layout->addLayout(groups_layout_);
  layout->addStretch(1);

  connect(seed_b_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int seed) {
    latent_b_ = latent_for_seed_ ? latent_for_seed_(uint64_t(seed)) : std::vector<float>{};
    changed();
  });
  connect(noise_seed_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int) { changed(); });
  connect(reset_button, &QPushButton::clicked, this, &StyleLayerPanel::reset);
  connect(w_edit_, &WEditBox::changed, this, &StyleLayerPanel::changed);
  setGenerator({}, 0, {});
}

void StyleLayerPanel::clearRows() {
  for (QWidget* g : groups_) delete g;
  groups_.clear();
  rows_.clear();
}

void StyleLayerPanel::setGenerator(const std::vector<int>& layer_resolutions, int w_dim,
                                   std::function<std::vector<float>(uint64_t)> latent_for_seed) {
  latent_for_seed_ = std::move(latent_for_seed);
  latent_b_ = latent_for_seed_ && !layer_resolutions.empty() ? latent_for_seed_(uint64_t(seed_b_->value()))
                                                             : std::vector<float>{};
  if (layer_resolutions == resolutions_ && w_dim == w_dim_ && !rows_.empty()) return;
  clearRows();
  w_dim_ = w_dim;
  w_edit_->setShape(layer_resolutions, w_dim);
  resolutions_ = layer_resolutions;
  rows_.resize(layer_resolutions.size());
  for (const LayerGroup& group : kGroups) {
    QGroupBox* box = nullptr;
    QGridLayout* grid = nullptr;
    int line = 1;
    for (size_t i = 0; i < layer_resolutions.size(); ++i) {
      const int res = layer_resolutions[i];
      if (res < group.min_res || res > group.max_res) continue;
      if (!box) {
        box = new QGroupBox(QString("%1 \u00B7 %2").arg(group.title, group.hint), this);
        grid = new QGridLayout(box);
        grid->setVerticalSpacing(2);
        grid->setColumnMinimumWidth(1, 20);
        grid->addWidget(new QLabel("Layer", box), 0, 0);
        grid->addWidget(new QLabel("B", box), 0, 1);
        grid->addWidget(new QLabel("Truncation psi", box), 0, 2, 1, 2);
        grid->addWidget(new QLabel("Noise", box), 0, 4, 1, 2);
        grid->setColumnStretch(2, 1);
        grid->setColumnStretch(4, 1);
        groups_layout_->addWidget(box);
        groups_.push_back(box);
      }
      addRow(grid, line++, int(i), res);
    }
  }
  setEnabled(!rows_.empty());
  summary_->setText(rows_.empty() ? "Style controls need a style-based generator."
                                  : QString("%1 synthesis layers").arg(rows_.size()));
}

void StyleLayerPanel::addRow(QGridLayout* grid, int line, int layer, int resolution) {
  QWidget* host = grid->parentWidget();
  Row row;
  auto* name = new QLabel(QString("%1 \u00B7 %2 px").arg(layer).arg(resolution), host);
  // Fixed label widths keep the sliders of every group in one column.
  name->setFixedWidth(72);
  row.from_b = new QCheckBox(host);
  row.from_b->setToolTip("Take this layer's style from latent B");
  row.truncation = makeSlider(host, 100, 100, "Truncation psi of this layer (times the overall psi)");
  row.truncation_value = new QLabel("1.00", host);
  row.noise = makeSlider(host, 200, 100, "Noise strength of this layer (times what it learned)");
  row.noise_value = new QLabel("1.00", host);
  row.truncation_value->setFixedWidth(32);
  row.noise_value->setFixedWidth(32);
  grid->addWidget(name, line, 0);
  grid->addWidget(row.from_b, line, 1);
  grid->addWidget(row.truncation, line, 2);
  grid->addWidget(row.truncation_value, line, 3);
  grid->addWidget(row.noise, line, 4);
  grid->addWidget(row.noise_value, line, 5);
  rows_[size_t(layer)] = row;
  connect(row.from_b, &QCheckBox::toggled, this, [this] { changed(); });
  connect(row.truncation, &QSlider::valueChanged, this, [this, row](int v) {
    row.truncation_value->setText(QString::number(v / kScale, 'f', 2));
    changed();
  });
  connect(row.noise, &QSlider::valueChanged, this, [this, row](int v) {
    row.noise_value->setText(QString::number(v / kScale, 'f', 2));
    changed();
  });
}

StyleControls StyleLayerPanel::controls() const {
  StyleControls c;
  if (rows_.empty()) return c;
  c.latent_b = latent_b_;
  c.seed_b = uint64_t(seed_b_->value());
  c.noise_seed = uint64_t(noise_seed_->value());
  for (const Row& row : rows_) {
    StyleLayerControl l;
    l.from_b = row.from_b->isChecked();
    l.truncation = float(row.truncation->value() / kScale);
    l.noise = float(row.noise->value() / kScale);
    c.layers.push_back(l);
  }
  w_edit_->apply(c);
  return c;
}

void StyleLayerPanel::reset() {
  resetting_ = true;
  noise_seed_->setValue(0);
  w_edit_->clear();
  for (const Row& row : rows_) {
    row.from_b->setChecked(false);
    row.truncation->setValue(100);
    row.noise->setValue(100);
  }
  resetting_ = false;
  changed();
}

void StyleLayerPanel::setControls(const StyleControls& c) {
  if (rows_.empty()) return;
  resetting_ = true;
  if (c.seed_b) seed_b_->setValue(int(*c.seed_b));
  noise_seed_->setValue(int(c.noise_seed));
  for (size_t i = 0; i < rows_.size(); ++i) {
    const StyleLayerControl l = i < c.layers.size() ? c.layers[i] : StyleLayerControl{};
    rows_[i].from_b->setChecked(l.from_b);
    rows_[i].truncation->setValue(int(std::lround(l.truncation * kScale)));
    rows_[i].noise->setValue(int(std::lround(l.noise * kScale)));
  }
  w_edit_->restore(c);
  resetting_ = false;
  changed();
}

void StyleLayerPanel::changed() {
  if (resetting_) return;
  int mixed = 0;
  for (const Row& row : rows_) mixed += row.from_b->isChecked();
  if (!rows_.empty())
    summary_->setText(QString("%1 synthesis layers \u00B7 %2 from B (seed %3)")
                          .arg(rows_.size())
                          .arg(mixed)
                          .arg(seed_b_->value()));
  Q_EMIT controlsChanged();
}

}  // namespace gs

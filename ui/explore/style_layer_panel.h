#pragma once
// Style-layer controls of a style-based generator, shown in the latent explorer: one row per synthesis layer,
// grouped Coarse (4-8 px: pose, shape), Middle (16-32 px: features) and Fine (64 px and up: colour, texture).
// Each row takes that layer's style from latent B (style mixing, chosen by seed), and sets the layer's
// truncation and noise strength; a noise seed picks the noise maps; WEditBox edits w or one layer's w+.
// Every edit emits controlsChanged().
#include <QWidget>

#include <cstdint>
#include <functional>
#include <vector>

#include "explore/style_controls.h"

class QCheckBox;
class QGridLayout;
class QLabel;
class QSlider;
class QSpinBox;
class QVBoxLayout;

namespace gs {

class WEditBox;

class StyleLayerPanel : public QWidget {
  Q_OBJECT
 public:
  explicit StyleLayerPanel(QWidget* parent = nullptr);

  // The loaded generator's layer resolutions (empty: not style-based, no rows) and its seed-to-latent rule.
  // The same layers as before (a live run's next checkpoint) keep their settings.
  void setGenerator(const std::vector<int>& layer_resolutions, int w_dim,
                    std::function<std::vector<float>(uint64_t)> latent_for_seed);
  // What render() needs; defaults when no style generator is loaded.
  StyleControls controls() const;
  int layerCount() const { return int(rows_.size()); }
  // Back to defaults: no mixing, psi 1 and noise 1 on every layer, noise seed 0, no w edits (emits
  // controlsChanged once).
  void reset();
  // Shows `controls` (an exported recipe's): mixing switches, per-layer psi and noise, seeds, w edits; emits
  // controlsChanged once. Latent B comes from its seed.
  void setControls(const StyleControls& controls);

  QCheckBox* fromBSwitch(int layer) const { return rows_[size_t(layer)].from_b; }
  QSlider* truncationSlider(int layer) const { return rows_[size_t(layer)].truncation; }
  QSlider* noiseSlider(int layer) const { return rows_[size_t(layer)].noise; }
  QSpinBox* seedBBox() const { return seed_b_; }
  QSpinBox* noiseSeedBox() const { return noise_seed_; }
  WEditBox* wEditBox() const { return w_edit_; }

 Q_SIGNALS:
  void controlsChanged();

 private:
  struct Row {
    QCheckBox* from_b;
    QSlider* truncation;
    QLabel* truncation_value;
    QSlider* noise;
    QLabel* noise_value;
  };
  void clearRows();
  void addRow(QGridLayout* grid, int line, int layer, int resolution);
  void changed();

  std::function<std::vector<float>(uint64_t)> latent_for_seed_;
  std::vector<float> latent_b_;
  std::vector<int> resolutions_;
  int w_dim_ = 0;
  std::vector<Row> rows_;
  std::vector<QWidget*> groups_;
  QVBoxLayout* groups_layout_;
  QSpinBox* seed_b_;
  QSpinBox* noise_seed_;
  QLabel* summary_;
  WEditBox* w_edit_;
  bool resetting_ = false;
};

}  // namespace gs

#pragma once
// Edits of a style generator's intermediate latent, in w (one offset added to every layer's w) or in w+ (an
// offset for one synthesis layer only): pick the target and a dimension of w, drag its offset. Offsets stay
// until cleared; StyleLayerPanel puts them into StyleControls (w_offset and the layers' w_offset).
#include <QGroupBox>

#include <vector>

#include "explore/style_controls.h"

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace gs {

class WEditBox : public QGroupBox {
  Q_OBJECT
 public:
  static constexpr double kScale = 100.0;  // slider units per unit of w (range +-5)

  explicit WEditBox(QWidget* parent = nullptr);
  // The generator's synthesis layers and size of w; clears every edit.
  void setShape(const std::vector<int>& layer_resolutions, int w_dim);
  void clear();
  // Takes the w and per-layer w+ offsets of `controls` (an exported recipe's).
  void restore(const StyleControls& controls);
  // Adds the offsets to `controls` (whose layers must already hold one entry per synthesis layer).
  void apply(StyleControls& controls) const;

  QComboBox* targetBox() const { return target_; }  // 0: all layers (w); 1 + i: layer i only (w+)
  QSpinBox* dimensionBox() const { return dimension_; }
  QSlider* valueSlider() const { return value_; }

 Q_SIGNALS:
  void changed();

 private:
  std::vector<float>& offsets();  // of the selected target, sized w_dim
  void showValue();

  std::vector<float> w_offset_;
  std::vector<std::vector<float>> layer_offsets_;
  int w_dim_ = 0;
  bool syncing_ = false;
  QComboBox* target_;
  QSpinBox* dimension_;
  QSlider* value_;
  QLabel* value_label_;
};

}  // namespace gs

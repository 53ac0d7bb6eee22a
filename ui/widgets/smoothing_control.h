#pragma once
// The smoothing slider of the curves: TensorBoard's weight of the running average, 0 to 0.99, with its value
// beside it. The training charts and the compare view each show one; the window keeps them in step.
#include <QWidget>

class QLabel;
class QSlider;

namespace gs {

class SmoothingControl : public QWidget {
  Q_OBJECT
 public:
  explicit SmoothingControl(QWidget* parent = nullptr);
  double value() const;          // in [0, 0.99]
  void setValue(double weight);  // no signal when unchanged
  QSlider* slider() const { return slider_; }

 Q_SIGNALS:
  void changed(double weight);

 private:
  QSlider* slider_;
  QLabel* label_;
};

}  // namespace gs

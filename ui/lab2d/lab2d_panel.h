#pragma once
// The "2D lab" tab (like GAN Lab): pick a distribution (ring, grid or a drawing), a loss, learning rate and
// steps; Start / Pause / Reset a small MLP GAN that trains on a worker thread; watch D's decision surface, G's
// density, real and generated points, modes captured, the high-quality share, and the collapse alarm.
#include <QWidget>

#include <vector>

#include "lab2d/lab_config.h"
#include "lab2d/point_mixture.h"
#include "metrics/alarm.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace gs {

class Lab2dCanvas;
class Lab2dController;
struct Lab2dFrame;

class Lab2dPanel : public QWidget {
  Q_OBJECT
 public:
  explicit Lab2dPanel(QWidget* parent = nullptr);
  ~Lab2dPanel() override;

  // The settings the controls describe, on top of the lab defaults.
  Lab2dConfig config() const;
  PointMixture mixture() const;
  Lab2dController* controller() const { return controller_; }
  Lab2dCanvas* canvas() const { return canvas_; }
  // "ring", "grid" or "drawing" (anything else: ring).
  void selectDistribution(const QString& name);

 public Q_SLOTS:
  void start();
  void togglePause();
  void reset();

 private:
  QWidget* buildControls();
  void updateTarget();
  void showFrame();
  void updateButtons();
  void showAlarms();

  Lab2dController* controller_ = nullptr;
  Lab2dCanvas* canvas_ = nullptr;
  QComboBox* distribution_ = nullptr;
  QDoubleSpinBox* draw_sigma_ = nullptr;
  QPushButton* clear_drawing_ = nullptr;
  QComboBox* loss_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* pause_ = nullptr;
  QPushButton* reset_ = nullptr;
  QCheckBox* show_surface_ = nullptr;
  QCheckBox* show_density_ = nullptr;
  QCheckBox* show_real_ = nullptr;
  QCheckBox* show_generated_ = nullptr;
  QLabel* alarm_ = nullptr;
  QLabel* step_ = nullptr;
  QLabel* modes_ = nullptr;
  QLabel* quality_ = nullptr;
  QLabel* diversity_ = nullptr;
  QLabel* d_outputs_ = nullptr;
  std::vector<Alarm> alarms_;  // raised during the current run, oldest first
};

}  // namespace gs

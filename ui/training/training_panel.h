#pragma once
// Training settings (edits a TrainConfig), Start / Pause / Stop, and progress: step, images/s and ETA.
// The panel only edits and displays; MainWindow wires it to the TrainingController.
#include <QWidget>

#include "config.h"
#include "training/step_stats.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace gs {

class DomainBField;

class TrainingPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPanel(QWidget* parent = nullptr);

  // The settings as edited; data.path is left to the caller.
  TrainConfig config() const;
  void setConfig(const TrainConfig& config);
  int resolution() const;

  // Display state.
  void setRunning(bool running, bool paused = false);
  void setRunFolder(const QString& path);
  void showLoadProgress(qint64 done, qint64 total);
  void showStep(const StepStats& s, int64_t total_steps);
  void showMessage(const QString& text);
  // Back to an empty progress bar labelled `label` (another run is shown now).
  void clearProgress(const QString& label = "idle");
  QPushButton* startButton() const { return start_; }
  QPushButton* stopButton() const { return stop_; }
  QPushButton* pauseButton() const { return pause_; }
  DomainBField* domainB() const { return domain_b_; }

 Q_SIGNALS:
  void startRequested();
  void pauseToggled(bool paused);
  void stopRequested();
  void runFolderClicked();

 public:
  // The settings a fresh panel starts from for `kind` and `loss` (what markChanged compares with).
  static TrainConfig panelDefaults(ModelKind kind, LossKind loss);

 private:
  // Marks (property "changed", drawn amber by the app style) the controls whose value differs from the
  // defaults of the chosen model and loss.
  void markChanged();
  QComboBox* pairs_ = nullptr;  // pix2pix: where the pairs come from
  DomainBField* domain_b_ = nullptr;  // CycleGAN: the second folder, or two classes
  QComboBox* model_;
  QComboBox* resolution_;
  QComboBox* loss_;
  QSpinBox* latent_dim_;
  QSpinBox* width_;
  QDoubleSpinBox* lr_g_;
  QDoubleSpinBox* lr_d_;
  QSpinBox* batch_;
  QSpinBox* d_steps_;
  QDoubleSpinBox* ema_kimg_;
  QCheckBox* spectral_norm_;
  QCheckBox* minibatch_std_;
  QCheckBox* hflip_;  // random horizontal flips of the training images
  QComboBox* augment_;  // what D sees: auto, none, ADA, DiffAugment
  QSpinBox* steps_;
  QSpinBox* sample_every_;
  QSpinBox* seed_;
  QComboBox* device_;
  QComboBox* precision_;  // auto, fp32, bf16 mixed
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* stop_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* run_folder_;
  double seconds_per_step_ = 0;  // smoothed, for the ETA
  TrainConfig base_;  // fields the panel does not show are kept as they were set
};

}  // namespace gs

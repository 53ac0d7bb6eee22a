#pragma once
// File > Project image...: finds a picture in the explorer's generator (explore/projector.h). Shows the target
// as the generator sees it, the current result as it improves, the loss curve, a progress bar with the time
// left, and Cancel; "Use in explorer" hands the latent found to the explorer (useLatent), where the sliders,
// style controls and directions edit it. Runs on a worker thread (ProjectionRunner): the window never waits.
#include <QDialog>

#include <memory>

#include "explore/latent_record.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QValueAxis;

namespace gs {

class GeneratorSession;
class MetricChartView;
class ProjectionRunner;

class ProjectionDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ProjectionDialog(std::shared_ptr<GeneratorSession> session, QWidget* parent = nullptr);
  ~ProjectionDialog() override;

  std::shared_ptr<GeneratorSession> session() const { return session_; }
  void setImagePath(const QString& path);  // the picture to find (shown once projection starts)
  QString imagePath() const { return path_; }
  void start();
  bool isRunning() const;

  // For tests and screenshots.
  QComboBox* spaceBox() const { return space_; }
  QSpinBox* stepsBox() const { return steps_; }
  QPushButton* projectButton() const { return project_; }
  QPushButton* cancelButton() const { return cancel_; }
  QPushButton* useButton() const { return use_; }
  QLabel* resultLabel() const { return result_; }
  QString summary() const;
  int curvePoints() const;
  const ProjectionRunner* runner() const { return runner_; }

 Q_SIGNALS:
  void useLatent(const gs::LatentRecord& latent);
  void finished(bool ok);  // a projection ended (ok: a latent came out, cancelled included)

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void chooseImage();
  void onProgress(int step, int total, double loss, const QImage& preview);
  void onFinished();
  void onFailed(const QString& message);
  void showCurve(const std::vector<float>& curve);
  void setBusy(bool busy);

  std::shared_ptr<GeneratorSession> session_;
  ProjectionRunner* runner_;
  QString path_;
  qint64 started_ms_ = 0;
  double max_loss_ = 0;
  QLabel* target_;
  QLabel* result_;
  QLabel* path_label_;
  QLabel* status_;
  QLabel* eta_;
  QComboBox* space_;
  QSpinBox* steps_;
  QSpinBox* seed_;
  QPushButton* choose_;
  QPushButton* project_;
  QPushButton* cancel_;
  QPushButton* use_;
  QProgressBar* progress_;
  QLineSeries* curve_;
  QValueAxis* x_;
  QValueAxis* y_;
  MetricChartView* chart_view_;
};

}  // namespace gs

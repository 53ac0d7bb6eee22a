#pragma once
// Runs one projection (explore/projector.h) on a worker thread: progress arrives on the GUI thread at most
// about 20 times a second (the newest step, a preview image every few steps), then finished() or failed().
// cancel() stops it at the next step; destroying the runner cancels and waits, so no worker outlives it.
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "explore/projector.h"

namespace gs {

class GeneratorSession;

class ProjectionRunner : public QObject {
  Q_OBJECT
 public:
  explicit ProjectionRunner(QObject* parent = nullptr);
  ~ProjectionRunner() override;

  // Loads `image_path` as the generator's training images were prepared and projects it. False (and
  // nothing started) while a projection is still running.
  bool start(std::shared_ptr<GeneratorSession> session, const QString& image_path, const ProjectionOptions& options);
  void cancel();
  bool isRunning() const { return watcher_->isRunning(); }
  const ProjectionResult& result() const { return result_; }

 Q_SIGNALS:
  void targetReady(const QImage& target);  // the picture as the generator sees it
  void progressed(int step, int total, double loss, const QImage& preview);  // preview may be null
  void finished();                          // result() holds it (cancelled: what was reached)
  void failed(const QString& message);

 private:
  struct Outcome {
    ProjectionResult result;
    QString error;
  };
  QFutureWatcher<Outcome>* watcher_;
  std::shared_ptr<std::atomic<bool>> stop_;
  ProjectionResult result_;
};

}  // namespace gs

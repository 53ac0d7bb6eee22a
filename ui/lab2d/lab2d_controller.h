#pragma once
// Runs a 2D lab training on a worker QObject moved to a QThread that the controller owns. The worker trains in
// chunks of config.measure_every steps and after each publishes a Lab2dFrame (points, D's surface, G's density,
// measures); frames coalesce: the GUI is woken once per pending frame and takes the newest. Every start, pause,
// resume and reset bumps an atomic run-loop number; a loop whose number is no longer current stops after its
// chunk, so the GUI never waits for training and no request can be undone by an older one.
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "lab2d/lab_trainer.h"

namespace gs {

struct Lab2dFrame {
  int64_t total_steps = 0;
  Lab2dMeasures measures;             // measures.step is the frame's step
  std::vector<Point2> generated;      // a fresh set of G's points, data coordinates
  Field2d surface;                    // D's output over the view
  Field2d density;                    // share of G's points per cell over the view
  bool logistic = true;               // surface holds probabilities (else raw critic scores)
  std::vector<Alarm> active_alarms;   // alarms whose condition holds now
};

class Lab2dWorker : public QObject {
  Q_OBJECT
 public:
  explicit Lab2dWorker(std::shared_ptr<const std::atomic<int>> current_loop) : current_loop_(std::move(current_loop)) {}
  ~Lab2dWorker() override;
  // Newest frame; clears the pending flag so the next frame wakes the GUI again.
  Lab2dFrame takeFrame();

  // Called on the worker thread (queued through invokeMethod).
  // `loop` numbers the run loop so the controller can ignore reports of loops it has superseded.
  void begin(int loop, const Lab2dConfig& config, const PointMixture& mixture, double extent);
  void resume(int loop);
  void discard();

 Q_SIGNALS:
  void frameAvailable();
  // Run loop `loop` ended: finished (all steps done) or paused; error is empty unless it failed.
  void stopped(int loop, qint64 step, bool finished, QString error);

 private:
  void runLoop(int loop);
  Lab2dFrame makeFrame(const Lab2dMeasures& m);

  std::shared_ptr<const std::atomic<int>> current_loop_;
  std::unique_ptr<Lab2dTrainer> trainer_;
  double extent_ = 1.5;
  std::mutex frame_mutex_;
  Lab2dFrame frame_;
  std::atomic<bool> frame_pending_{false};
};

class Lab2dController : public QObject {
  Q_OBJECT
 public:
  explicit Lab2dController(QObject* parent = nullptr);
  ~Lab2dController() override;  // stops a running loop and waits for the thread

  // Starts a fresh run (discarding any previous one) on `mixture`, frames covering [-extent, extent]^2.
  void start(const Lab2dConfig& config, const PointMixture& mixture, double extent);
  void pause();
  void resume();
  // Stops and forgets the run.
  void reset();
  bool isRunning() const { return running_; }
  bool hasRun() const { return has_run_; }
  // Blocks until the worker has ended what it was doing (a paused loop ends after its chunk); for tests.
  void waitForIdle();
  Lab2dFrame takeFrame() { return worker_->takeFrame(); }

 Q_SIGNALS:
  void frameReady();
  void runningChanged(bool running);
  void runFinished(qint64 step);
  void failed(QString message);

 private:
  void setRunning(bool running);

  QThread thread_;
  Lab2dWorker* worker_ = nullptr;
  // Number of the run loop that may run; bumped by every request, which stops the loop before it.
  std::shared_ptr<std::atomic<int>> current_loop_ = std::make_shared<std::atomic<int>>(0);
  bool running_ = false;
  bool has_run_ = false;
};

}  // namespace gs

#include "ui/lab2d/lab2d_controller.h"

#include <torch/csrc/autograd/grad_mode.h>

#include <exception>

namespace gs {
namespace {

constexpr int kFieldCells = 64;          // D's surface and G's density, cells per side
constexpr int64_t kShownGenerated = 1000;  // G's points drawn per frame

std::vector<Point2> toPoints(const at::Tensor& t) {
  const at::Tensor p = t.to(at::kDouble).contiguous();
  const auto a = p.accessor<double, 2>();
  std::vector<Point2> out(static_cast<size_t>(p.size(0)));
  for (int64_t i = 0; i < p.size(0); ++i) out[static_cast<size_t>(i)] = {a[i][0], a[i][1]};
  return out;
}

}  // namespace

Lab2dWorker::~Lab2dWorker() = default;

Lab2dFrame Lab2dWorker::takeFrame() {
  std::lock_guard<std::mutex> lock(frame_mutex_);
  frame_pending_ = false;
  return frame_;
}

void Lab2dWorker::begin(int loop, const Lab2dConfig& config, const PointMixture& mixture, double extent) {
  trainer_.reset();
  {
    std::lock_guard<std::mutex> lock(frame_mutex_);
    frame_ = Lab2dFrame{};
  }
  extent_ = extent;
  try {
    trainer_ = std::make_unique<Lab2dTrainer>(config, mixture);
  } catch (const std::exception& e) {
    Q_EMIT stopped(loop, 0, false, QString::fromStdString(e.what()));
    return;
  }
  runLoop(loop);
}

void Lab2dWorker::resume(int loop) {
  if (trainer_) runLoop(loop);
}

void Lab2dWorker::discard() { trainer_.reset(); }

void Lab2dWorker::runLoop(int loop) {
  // Grad mode is thread-local; the trainer enables it for its steps, measuring needs none.
  torch::NoGradGuard no_grad;
  try {
    while (!trainer_->done() && current_loop_->load() == loop) {
      trainer_->train(trainer_->config().measure_every);
      const Lab2dMeasures m = trainer_->measure();
      Lab2dFrame frame = makeFrame(m);
      {
        std::lock_guard<std::mutex> lock(frame_mutex_);
        frame_ = std::move(frame);
      }
      // Newest frame wins: wake the GUI only when it has taken the previous one.
      if (!frame_pending_.exchange(true)) Q_EMIT frameAvailable();
    }
  } catch (const std::exception& e) {
    Q_EMIT stopped(loop, trainer_->step(), false, QString::fromStdString(e.what()));
    return;
  }
  Q_EMIT stopped(loop, trainer_->step(), trainer_->done(), QString());
}

Lab2dFrame Lab2dWorker::makeFrame(const Lab2dMeasures& m) {
  Lab2dFrame f;
  f.total_steps = trainer_->config().steps;
  f.measures = m;
  const at::Tensor generated = trainer_->generate(kShownGenerated);
  f.generated = toPoints(generated);
  f.density = histogram2d(generated, extent_, kFieldCells / 2);
  f.surface = trainer_->decisionSurface(extent_, kFieldCells);
  f.logistic = trainer_->config().loss == LossKind::NonSaturating || trainer_->config().loss == LossKind::Minimax;
  f.active_alarms = trainer_->health().active();
  return f;
}

Lab2dController::Lab2dController(QObject* parent) : QObject(parent) {
  worker_ = new Lab2dWorker(current_loop_);
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &Lab2dWorker::frameAvailable, this, &Lab2dController::frameReady);
  connect(worker_, &Lab2dWorker::stopped, this, [this](int loop, qint64 step, bool finished, const QString& error) {
    if (loop != current_loop_->load()) return;  // a loop that a newer request superseded
    setRunning(false);
    if (!error.isEmpty()) {
      has_run_ = false;
      Q_EMIT failed(error);
    } else if (finished) {
      Q_EMIT runFinished(step);
    }
  });
  thread_.setObjectName("lab2d");
  thread_.start();
}

Lab2dController::~Lab2dController() {
  ++*current_loop_;
  thread_.quit();
  thread_.wait();
}

void Lab2dController::start(const Lab2dConfig& config, const PointMixture& mixture, double extent) {
  // Ends a running loop after its chunk; the queued begin runs next.
  const int loop = ++*current_loop_;
  QMetaObject::invokeMethod(worker_, [w = worker_, loop, config, mixture, extent] { w->begin(loop, config, mixture, extent); });
  has_run_ = true;
  setRunning(true);
}

void Lab2dController::waitForIdle() {
  // The worker runs its queue in order: this no-op runs once the current loop has returned.
  QMetaObject::invokeMethod(worker_, [] {}, Qt::BlockingQueuedConnection);
}

void Lab2dController::pause() {
  ++*current_loop_;
  setRunning(false);
}

void Lab2dController::resume() {
  if (!has_run_ || running_) return;
  const int loop = ++*current_loop_;
  QMetaObject::invokeMethod(worker_, [w = worker_, loop] { w->resume(loop); });
  setRunning(true);
}

void Lab2dController::reset() {
  ++*current_loop_;
  QMetaObject::invokeMethod(worker_, [w = worker_] { w->discard(); });
  has_run_ = false;
  setRunning(false);
}

void Lab2dController::setRunning(bool running) {
  if (running_ == running) return;
  running_ = running;
  Q_EMIT runningChanged(running);
}

}  // namespace gs

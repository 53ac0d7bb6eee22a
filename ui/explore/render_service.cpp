#include "ui/explore/render_service.h"

#include <QElapsedTimer>

#include "ui/widgets/core_types.h"
#include "explore/batch_render.h"
#include "explore/generator_session.h"
#include "util/image.h"

namespace gs {

void RenderWorker::post(RenderChannel channel, RenderRequest request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_[static_cast<int>(channel)] = std::move(request);
  }
  // One queued wake-up at a time: drain() picks up whatever is newest when it runs.
  if (!wake_posted_.exchange(true)) QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

std::optional<RenderRequest> RenderWorker::take(int channel) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<RenderRequest> job = std::move(pending_[channel]);
  pending_[channel].reset();
  return job;
}

bool RenderWorker::hasPending(int channel) {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_[channel].has_value();
}

void RenderWorker::renderOne(int channel, const RenderRequest& job) {
  QElapsedTimer timer;
  timer.start();
  try {
    if (!job.session || job.latents.empty()) return;
    if (job.latents.size() == 1) {
      // Rendered before the timer is read: within one call's arguments the order is unspecified, and gcc read
      // the timer first (every caption said 0.0 ms).
      const QImage image = toQImage(job.session->render(job.latents.front(), job.truncation, job.style,
                                                        job.classes.empty() ? -1 : job.classes.front()));
      Q_EMIT rendered(channel, image, job.stamp, timer.nsecsElapsed() / 1e6);
      return;
    }
    // A grid renders in small batches: between them a pending explorer frame goes first (a drag must not wait
    // behind 64 images), and a newer grid request abandons this one.
    BatchRenderOptions options;
    options.truncation = job.truncation;
    options.style = job.style;
    options.classes = job.classes;
    options.batch = kGridChunk;
    options.should_stop = [this, channel] {
      if (hasPending(channel)) return true;
      if (auto explorer = take(int(RenderChannel::Explorer))) renderOne(int(RenderChannel::Explorer), *explorer);
      return false;
    };
    const std::vector<ImageU8> tiles = renderAll(*job.session, job.latents, options);
    if (tiles.empty()) return;
    const QImage grid = toQImage(tileGrid(tiles, job.columns, 2, 0));
    Q_EMIT rendered(channel, grid, job.stamp, timer.nsecsElapsed() / 1e6);
  } catch (const std::exception& e) {
    Q_EMIT failed(channel, QString::fromStdString(e.what()), job.stamp);
  }
}

void RenderWorker::drain() {
  wake_posted_ = false;
  for (;;) {
    // The explorer first: it is what the user is dragging.
    int channel = int(RenderChannel::Explorer);
    std::optional<RenderRequest> job = take(channel);
    if (!job) job = take(channel = int(RenderChannel::Grid));
    if (!job) return;
    renderOne(channel, *job);
  }
}

RenderService::RenderService(QObject* parent) : QObject(parent), worker_(new RenderWorker) {
  qRegisterMetaType<gs::RenderChannel>("gs::RenderChannel");
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &RenderWorker::rendered, this, &RenderService::onRendered);
  connect(worker_, &RenderWorker::failed, this, [this](int channel, const QString& message, quint64) {
    Q_EMIT renderFailed(static_cast<RenderChannel>(channel), message);
  });
  thread_.setObjectName("render");
  thread_.start();
}

RenderService::~RenderService() {
  thread_.quit();
  thread_.wait();
}

quint64 RenderService::request(RenderChannel channel, RenderRequest request) {
  request.stamp = next_stamp_++;
  latest_[static_cast<int>(channel)] = request.stamp;
  const quint64 stamp = request.stamp;
  worker_->post(channel, std::move(request));
  return stamp;
}

void RenderService::onRendered(int channel, const QImage& image, quint64 stamp, double ms) {
  // Drop results older than the frame on screen (they can only arrive out of order after a session change).
  if (stamp < shown_[channel]) return;
  shown_[channel] = stamp;
  Q_EMIT frameReady(static_cast<RenderChannel>(channel), image, stamp, ms);
}

}  // namespace gs

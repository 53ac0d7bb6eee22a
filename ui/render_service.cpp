#include "render_service.h"

#include <QElapsedTimer>

#include "core_types.h"
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

void RenderWorker::drain() {
  wake_posted_ = false;
  for (;;) {
    std::optional<RenderRequest> job;
    int channel = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // The explorer first: it is what the user is dragging.
      for (int c = 0; c < 2 && !job; ++c) {
        if (pending_[c]) {
          job = std::move(pending_[c]);
          pending_[c].reset();
          channel = c;
        }
      }
    }
    if (!job) return;
    QElapsedTimer timer;
    timer.start();
    try {
      if (!job->session || job->latents.empty()) continue;
      QImage image;
      if (job->latents.size() == 1) {
        image = toQImage(job->session->render(job->latents.front(), job->truncation));
      } else {
        const auto tiles = job->session->renderBatch(job->latents, job->truncation);
        image = toQImage(tileGrid(tiles, job->columns, 2, 0));
      }
      Q_EMIT rendered(channel, image, job->stamp, timer.nsecsElapsed() / 1e6);
    } catch (const std::exception& e) {
      Q_EMIT failed(channel, QString::fromStdString(e.what()), job->stamp);
    }
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

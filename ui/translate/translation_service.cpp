#include "ui/translate/translation_service.h"

#include <QElapsedTimer>

#include "translate/image_translator.h"
#include "ui/widgets/core_types.h"

namespace gs {

void TranslationWorker::post(TranslationRequest request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = std::move(request);
  }
  if (!wake_posted_.exchange(true)) QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void TranslationWorker::drain() {
  wake_posted_ = false;
  while (true) {
    std::optional<TranslationRequest> job;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job = std::move(pending_);
      pending_.reset();
    }
    if (!job || !job->translator) return;
    QElapsedTimer timer;
    timer.start();
    try {
      const ImageU8 seen = job->translator->prepare(job->input, job->edges_from_photo);
      const ImageTranslator& t = *job->translator;
      const ImageU8 out = t.translate(job->input, job->edges_from_photo, job->reverse);
      const QImage back = t.twoWay() ? toQImage(t.translate(out, false, !job->reverse)) : QImage();
      Q_EMIT translated(toQImage(seen), toQImage(out), back, job->stamp, timer.nsecsElapsed() / 1e6);
    } catch (const std::exception& e) {
      Q_EMIT failed(QString::fromStdString(e.what()), job->stamp);
    }
  }
}

TranslationService::TranslationService(QObject* parent) : QObject(parent), worker_(new TranslationWorker) {
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &TranslationWorker::translated, this,
          [this](const QImage& seen, const QImage& out, const QImage& back, quint64 stamp, double ms) {
            if (stamp < shown_) return;  // an older request finished after a newer one
            shown_ = stamp;
            Q_EMIT translated(seen, out, back, ms);
          });
  connect(worker_, &TranslationWorker::failed, this, [this](const QString& message, quint64 stamp) {
    if (stamp >= shown_) Q_EMIT failed(message);
  });
  thread_.start();
}

TranslationService::~TranslationService() {
  thread_.quit();
  thread_.wait();
}

quint64 TranslationService::request(TranslationRequest request) {
  request.stamp = next_stamp_++;
  const quint64 stamp = request.stamp;
  worker_->post(std::move(request));
  return stamp;
}

}  // namespace gs

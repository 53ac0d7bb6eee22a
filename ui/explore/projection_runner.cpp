#include "ui/explore/projection_runner.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

#include "explore/generator_session.h"
#include "ui/widgets/core_types.h"

namespace gs {

ProjectionRunner::ProjectionRunner(QObject* parent)
    : QObject(parent), watcher_(new QFutureWatcher<Outcome>(this)), stop_(std::make_shared<std::atomic<bool>>(false)) {
  connect(watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = watcher_->result();
    if (!outcome.error.isEmpty()) return Q_EMIT failed(outcome.error);
    result_ = outcome.result;
    Q_EMIT finished();
  });
}

ProjectionRunner::~ProjectionRunner() {
  cancel();
  watcher_->waitForFinished();
}

void ProjectionRunner::cancel() { stop_->store(true); }

bool ProjectionRunner::start(std::shared_ptr<GeneratorSession> session, const QString& image_path,
                             const ProjectionOptions& options) {
  if (isRunning() || !session) return false;
  stop_ = std::make_shared<std::atomic<bool>>(false);
  const std::string path = image_path.toStdString();
  const auto stop = stop_;
  QPointer<ProjectionRunner> self(this);
  watcher_->setFuture(QtConcurrent::run([self, session, path, options, stop] {
    Outcome outcome;
    try {
      Projector projector(session);
      const ImageU8 target = projector.loadTarget(path);
      const QImage target_image = toQImage(target);
      QMetaObject::invokeMethod(self, [self, target_image] { if (self) Q_EMIT self->targetReady(target_image); },
                                Qt::QueuedConnection);
      // At most ~20 updates a second reach the GUI thread; previews and the last step always do.
      auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
      outcome.result = projector.run(
          target, options,
          [&](const ProjectionProgress& p) {
            const auto now = std::chrono::steady_clock::now();
            if (p.preview.empty() && p.step < p.total && now - last < std::chrono::milliseconds(50)) return;
            last = now;
            const QImage preview = p.preview.empty() ? QImage() : toQImage(p.preview);
            QMetaObject::invokeMethod(
                self, [self, p, preview] { if (self) Q_EMIT self->progressed(p.step, p.total, p.loss, preview); },
                Qt::QueuedConnection);
          },
          [stop] { return stop->load(); });
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
  return true;
}

}  // namespace gs

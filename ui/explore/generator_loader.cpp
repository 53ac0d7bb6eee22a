#include "ui/explore/generator_loader.h"

#include <QtConcurrent/QtConcurrentRun>

#include "explore/generator_session.h"

namespace gs {

GeneratorLoader::GeneratorLoader(QObject* parent)
    : QObject(parent), watcher_(new QFutureWatcher<GeneratorLoad>(this)) {
  connect(watcher_, &QFutureWatcher<GeneratorLoad>::finished, this, [this] {
    const GeneratorLoad load = watcher_->result();
    if (!load.error.isEmpty()) return Q_EMIT failed(QString("Could not open %1: %2").arg(label_, load.error));
    if (load.session) Q_EMIT loaded(load.session, continues_run_);
  });
}

void GeneratorLoader::load(const QString& label, std::function<std::shared_ptr<GeneratorSession>()> open) {
  label_ = label;
  continues_run_ = false;
  Q_EMIT started(label);
  // Decoding weights takes a moment: off the GUI thread.
  watcher_->setFuture(QtConcurrent::run([open] {
    GeneratorLoad load;
    try {
      load.session = open();
    } catch (const std::exception& e) {
      load.error = QString::fromStdString(e.what());
    }
    return load;
  }));
}

void GeneratorLoader::loadFile(const QString& path, bool continues_run) {
  const std::string file = path.toStdString();
  load(path, [file] { return GeneratorSession::open(file); });
  continues_run_ = continues_run;
}

void GeneratorLoader::loadBytes(const std::string& bytes, const QString& label) {
  const std::string name = label.toStdString();
  load(label, [bytes, name] { return GeneratorSession::openBytes(bytes, name); });
}

}  // namespace gs

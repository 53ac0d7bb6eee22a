#pragma once
// Opens generators (checkpoints, generator files, the bundled demo) on a worker thread; a newer load replaces
// the one being watched, so only the newest result arrives.
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace gs {

class GeneratorSession;

// A generator loaded in a worker thread, or why it could not be.
struct GeneratorLoad {
  std::shared_ptr<GeneratorSession> session;
  QString error;
};

class GeneratorLoader : public QObject {
  Q_OBJECT
 public:
  explicit GeneratorLoader(QObject* parent = nullptr);
  // `label` names what is loading in messages ("demo generator", a path).
  void load(const QString& label, std::function<std::shared_ptr<GeneratorSession>()> open);
  // continues_run: the file is the next checkpoint of the run on screen (carried to loaded()).
  void loadFile(const QString& path, bool continues_run = false);
  void loadBytes(const std::string& bytes, const QString& label);

 Q_SIGNALS:
  void started(const QString& label);
  void loaded(std::shared_ptr<gs::GeneratorSession> session, bool continues_run);
  void failed(const QString& message);  // "Could not open <label>: <why>"

 private:
  QFutureWatcher<GeneratorLoad>* watcher_;
  QString label_;
  bool continues_run_ = false;
};

}  // namespace gs

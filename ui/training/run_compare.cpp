#include "ui/training/run_compare.h"

#include <QDir>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include "ui/widgets/palette.h"

namespace gs {

RunCompare::RunCompare(QObject* parent) : QObject(parent), timer_(new QTimer(this)) {
  timer_->setInterval(2000);
  connect(timer_, &QTimer::timeout, this, &RunCompare::pollNow);
  timer_->start();
}

RunCompare::~RunCompare() = default;

QStringList RunCompare::runFoldersIn(const QString& dir) {
  if (isRunFolder(dir.toStdString())) return {QDir::cleanPath(dir)};
  QStringList runs;
  for (const QString& sub : QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QString path = QDir::cleanPath(dir + "/" + sub);
    if (isRunFolder(path.toStdString())) runs << path;
  }
  return runs;
}

void RunCompare::addRun(const QString& dir) {
  const QString clean = QDir::cleanPath(dir);
  if (pending_.contains(clean)) return;
  for (const auto& r : runs_)
    if (r->dir() == clean) return;
  pending_ << clean;
  // Parsing a long metrics.jsonl takes a while: read in a worker, hand the run to the GUI thread when done.
  using Result = std::shared_ptr<ComparedRun>;
  auto* watcher = new QFutureWatcher<Result>(this);
  connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, clean] {
    Result run = watcher->result();
    watcher->deleteLater();
    if (!pending_.removeOne(clean)) return;  // cleared meanwhile
    run->color = unusedColor();
    runs_.push_back(std::move(run));
    Q_EMIT runsChanged();
  });
  watcher->setFuture(QtConcurrent::run([clean] { return std::make_shared<ComparedRun>(clean); }));
}

QColor RunCompare::unusedColor() const {
  const auto& colors = okabe_ito::seriesColors();
  for (const QColor& c : colors)
    if (std::none_of(runs_.begin(), runs_.end(), [&c](const auto& r) { return r->color == c; })) return c;
  return colors[runs_.size() % colors.size()];  // more runs than hues: repeat
}

void RunCompare::removeRun(int index) {
  if (index < 0 || index >= size()) return;
  runs_.erase(runs_.begin() + index);
  Q_EMIT runsChanged();
}

void RunCompare::setShown(int index, bool shown) {
  if (index < 0 || index >= size() || runs_[size_t(index)]->shown == shown) return;
  runs_[size_t(index)]->shown = shown;
  Q_EMIT runsChanged();
}

void RunCompare::clear() {
  runs_.clear();
  pending_.clear();
  Q_EMIT runsChanged();
}

void RunCompare::pollNow() {
  bool changed = false;
  for (auto& r : runs_) changed = r->poll() || changed;
  if (changed) Q_EMIT runsChanged();
}

}  // namespace gs

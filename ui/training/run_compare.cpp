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
  if (std::any_of(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.dir == clean; })) return;
  for (const auto& r : runs_)
    if (r->dir() == clean) return;
  const Pending pending{clean, unusedColor(), next_order_++};
  pending_.push_back(pending);
  // Parsing a long metrics.jsonl takes a while: read in a worker, hand the run to the GUI thread when done.
  using Result = std::shared_ptr<ComparedRun>;
  auto* watcher = new QFutureWatcher<Result>(this);
  connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, pending] {
    Result run = watcher->result();
    watcher->deleteLater();
    const auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.order == pending.order; });
    if (it == pending_.end()) return;  // cleared meanwhile
    pending_.erase(it);
    run->color = pending.color;
    // In the order the folders were added.
    const auto at = std::upper_bound(order_.begin(), order_.end(), pending.order);
    runs_.insert(runs_.begin() + (at - order_.begin()), std::move(run));
    order_.insert(at, pending.order);
    Q_EMIT runsChanged();
  });
  watcher->setFuture(QtConcurrent::run([clean] { return std::make_shared<ComparedRun>(clean); }));
}

QColor RunCompare::unusedColor() const {
  const auto& colors = okabe_ito::seriesColors();
  for (const QColor& c : colors)
    if (std::none_of(runs_.begin(), runs_.end(), [&c](const auto& r) { return r->color == c; }) &&
        std::none_of(pending_.begin(), pending_.end(), [&c](const Pending& p) { return p.color == c; }))
      return c;
  return colors[(runs_.size() + pending_.size()) % colors.size()];  // more runs than hues: repeat
}

void RunCompare::removeRun(int index) {
  if (index < 0 || index >= size()) return;
  runs_.erase(runs_.begin() + index);
  order_.erase(order_.begin() + index);
  Q_EMIT runsChanged();
}

void RunCompare::setShown(int index, bool shown) {
  if (index < 0 || index >= size() || runs_[size_t(index)]->shown == shown) return;
  runs_[size_t(index)]->shown = shown;
  Q_EMIT runsChanged();
}

void RunCompare::clear() {
  runs_.clear();
  order_.clear();
  pending_.clear();
  Q_EMIT runsChanged();
}

void RunCompare::pollNow() {
  bool changed = false;
  for (auto& r : runs_) changed = r->poll() || changed;
  if (changed) Q_EMIT runsChanged();
}

}  // namespace gs

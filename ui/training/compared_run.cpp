#include "ui/training/compared_run.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace gs {

QString axisTitle(CompareAxis axis) {
  switch (axis) {
    case CompareAxis::Step: return "step";
    case CompareAxis::ImagesSeen: return "thousand images seen";  // kimg: whole numbers fit under a small chart
    case CompareAxis::WallClock: return "minutes since start";
  }
  return {};
}

ComparedRun::ComparedRun(QString dir) : dir_(QDir::cleanPath(std::move(dir))) {
  const RunPaths paths{dir_.toStdString()};
  try {
    const TrainConfig config = readRunConfig(paths.root);
    batch_ = config.batch;
    model_ = QString::fromStdString(toString(config.model.kind));
    loss_ = QString::fromStdString(toString(config.optim.loss));
  } catch (const std::exception& e) {
    config_note_ = QString::fromStdString(e.what());
  }
  metrics_tail_ = std::make_unique<TimedMetricsTail>(paths.metrics());
  health_tail_ = std::make_unique<HealthTail>(paths.health());
  quality_tail_ = std::make_unique<QualityTail>(paths.quality());
  poll();
}

ComparedRun::~ComparedRun() = default;

bool ComparedRun::poll() {
  bool changed = false;
  // Read each file; a file rewritten from the start (a resume, a rollback) replaces what was read of it.
  const auto rows = metrics_tail_->poll();
  if (metrics_tail_->wasReset()) {
    metrics_.clear();
    axis_.clear();
    file_images_ = false;
    changed = true;
  }
  for (const TimedStepStats& row : rows) appendStep(row);
  changed = changed || !rows.empty();
  const auto health = health_tail_->poll();
  if (health_tail_->wasReset()) health_.clear();
  for (const HealthRecord& r : health) health_.add(r);
  changed = changed || !health.empty() || health_tail_->wasReset();
  const auto quality = quality_tail_->poll();
  if (quality_tail_->wasReset()) quality_.clear();
  for (const QualityRecord& r : quality) {
    while (!quality_.empty() && quality_.back().step >= r.step) quality_.pop_back();
    quality_.push_back(r);
  }
  changed = changed || !quality.empty() || quality_tail_->wasReset();

  // What makes the folder undrawable, in words that name it.
  QString problem;
  if (!QFileInfo(dir_).isDir()) {
    problem = dir_ + ": no such folder";
  } else if (!QFileInfo::exists(dir_ + "/metrics.jsonl")) {
    problem = dir_ + ": no metrics.jsonl (not a run folder, or its run has not logged a step yet)";
  } else if (metrics_.empty() && metrics_tail_->skippedLines() > 0) {
    problem = dir_ + "/metrics.jsonl: no line could be read (" +
              QString::number(metrics_tail_->skippedLines()) + " lines of another format)";
  }
  changed = changed || problem != problem_;
  problem_ = problem;
  return changed;
}

void ComparedRun::appendStep(const TimedStepStats& row) {
  const StepStats& s = row.stats;
  metrics_.append(s);  // drops repeated steps itself
  while (!axis_.empty() && axis_.back().step >= s.step) axis_.pop_back();
  axis_.push_back({s.step, double(s.images_seen), row.wall_time});
  file_images_ = file_images_ || s.images_seen > 0;
}

QString ComparedRun::name() const { return QFileInfo(dir_).fileName(); }

QString ComparedRun::label() const {
  QString text = name();
  if (!model_.isEmpty()) text += " \u00B7 " + model_ + " \u00B7 " + loss_;
  return text;
}

QString ComparedRun::notes() const {
  QStringList notes;
  if (!config_note_.isEmpty()) notes << config_note_ + " (images seen from step x batch unavailable)";
  if (metrics_tail_->pendingBytes() > 0)
    notes << dir_ + "/metrics.jsonl: the last line is incomplete (still being written, or cut off); drawn up to the line before";
  if (metrics_tail_->skippedLines() > 0 && problem_.isEmpty())
    notes << dir_ + "/metrics.jsonl: " + QString::number(metrics_tail_->skippedLines()) + " lines could not be read (skipped)";
  if (problem_.isEmpty() && metrics_.empty()) notes << dir_ + ": no logged step yet";
  return notes.join('\n');
}

bool ComparedRun::hasAxis(CompareAxis axis) const { return missingAxisReason(axis).isEmpty(); }

QString ComparedRun::missingAxisReason(CompareAxis axis) const {
  if (axis == CompareAxis::ImagesSeen && !file_images_ && batch_ <= 0)
    return name() + ": no images_seen in metrics.jsonl and no batch size in config.json";
  if (axis == CompareAxis::WallClock &&
      std::none_of(axis_.begin(), axis_.end(), [](const AxisRow& r) { return r.wall > 0; }))
    return name() + ": metrics.jsonl has no wall-clock times (\"t\"; written by an older version)";
  return {};
}

double ComparedRun::axisValue(double step, CompareAxis axis) const {
  if (axis == CompareAxis::Step) return step;
  if (axis == CompareAxis::ImagesSeen && !file_images_) return step * batch_ / 1000.0;
  // Between logged steps: linear interpolation; outside them, the nearest end (wall) or in proportion (images).
  const auto value = [axis](const AxisRow& r) { return axis == CompareAxis::ImagesSeen ? r.images : r.wall; };
  auto it = std::lower_bound(axis_.begin(), axis_.end(), step, [](const AxisRow& r, double s) { return double(r.step) < s; });
  double v;
  if (it == axis_.end() || it == axis_.begin()) {
    const AxisRow& end = it == axis_.end() ? axis_.back() : axis_.front();
    v = axis == CompareAxis::ImagesSeen && end.step > 0 ? end.images * step / double(end.step) : value(end);
  } else {
    const AxisRow& a = *std::prev(it);
    const AxisRow& b = *it;
    const double t = (step - double(a.step)) / double(b.step - a.step);
    v = value(a) + (value(b) - value(a)) * t;
  }
  if (axis == CompareAxis::ImagesSeen) return v / 1000.0;
  const auto first = std::find_if(axis_.begin(), axis_.end(), [](const AxisRow& r) { return r.wall > 0; });
  if (first == axis_.end() || !(v > 0)) return NAN;
  return (v - first->wall) / 60.0;
}

QVector<QPointF> ComparedRun::onAxis(const QVector<QPointF>& points, CompareAxis axis) const {
  if (axis == CompareAxis::Step) return points;
  QVector<QPointF> out;
  if (!hasAxis(axis) || axis_.empty()) return out;
  out.reserve(points.size());
  for (const QPointF& p : points) {
    const double x = axisValue(p.x(), axis);
    if (std::isfinite(x)) out.push_back(QPointF(x, p.y()));
  }
  return out;
}

}  // namespace gs

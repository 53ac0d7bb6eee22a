#include "ui/training/metric_history.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace gs {

const std::vector<MetricInfo>& allMetrics() {
  static const std::vector<MetricInfo> metrics = {
      {Metric::GLoss, "G loss", "g_loss"},
      {Metric::DLoss, "D loss", "d_loss"},
      {Metric::Penalty, "Penalty", "penalty"},
      {Metric::DReal, "D(x)", "d_real"},
      {Metric::DFake, "D(G(z))", "d_fake"},
      {Metric::GGradNorm, "|grad G|", "g_grad_norm"},
      {Metric::DGradNorm, "|grad D|", "d_grad_norm"},
      {Metric::ImagesPerSecond, "images/s", "images_per_second"},
      {Metric::AugmentP, "p", "augment_p"},
      {Metric::AdaRt, "r_t", "ada_rt"},
      {Metric::L1, "L1", "l1"},
      {Metric::Cycle, "cycle", "cycle"},
      {Metric::Identity, "identity", "identity"},
  };
  return metrics;
}

double metricValue(const StepStats& s, Metric m) {
  switch (m) {
    case Metric::GLoss: return s.g_loss;
    case Metric::DLoss: return s.d_loss;
    case Metric::Penalty: return s.penalty;
    case Metric::DReal: return s.d_real;
    case Metric::DFake: return s.d_fake;
    case Metric::GGradNorm: return s.g_grad_norm;
    case Metric::DGradNorm: return s.d_grad_norm;
    case Metric::ImagesPerSecond: return s.images_per_second;
    case Metric::AugmentP: return s.augment_p;
    case Metric::AdaRt: return s.ada_rt;
    case Metric::L1: return s.has_l1 ? s.l1 : std::nan("");
    case Metric::Cycle: return s.has_cycle ? s.cycle : std::nan("");
    case Metric::Identity: return s.has_cycle ? s.identity : std::nan("");
  }
  return 0;
}

void MetricHistory::append(const StepStats& s) {
  // A resumed or re-attached run can repeat steps: keep the history ordered and unique.
  while (!steps_.empty() && steps_.back().step >= s.step) steps_.pop_back();
  steps_.push_back(s);
  translation_ = translation_ || s.has_l1 || s.has_cycle;
}

QVector<QPointF> decimate(const QVector<QPointF>& points, int max_points) {
  if (max_points < 4 || points.size() <= max_points) return points;
  const int buckets = max_points / 3;
  const double per_bucket = double(points.size()) / buckets;
  QVector<QPointF> out;
  out.reserve(buckets * 3 + 1);
  for (int b = 0; b < buckets; ++b) {
    const int begin = int(b * per_bucket), end = std::min<int>(points.size(), int((b + 1) * per_bucket));
    if (begin >= end) continue;
    int lo = begin, hi = begin;
    for (int i = begin; i < end; ++i) {
      if (points[i].y() < points[lo].y()) lo = i;
      if (points[i].y() > points[hi].y()) hi = i;
    }
    // Keep the three in step order so the line does not zig-zag backwards.
    int keep[3] = {begin, lo, hi};
    std::sort(keep, keep + 3);
    for (int k = 0; k < 3; ++k) {
      if (k > 0 && keep[k] == keep[k - 1]) continue;
      out.push_back(points[keep[k]]);
    }
  }
  if (out.back() != points.back()) out.push_back(points.back());
  return out;
}

QVector<QPointF> MetricHistory::raw(Metric m, int max_points) const {
  QVector<QPointF> points;
  points.reserve(int(steps_.size()));
  for (const auto& s : steps_) {
    const double v = metricValue(s, m);
    if (std::isfinite(v)) points.push_back(QPointF(double(s.step), v));
  }
  return decimate(points, max_points);
}

QVector<QPointF> MetricHistory::smoothed(Metric m, double smoothing, int max_points) const {
  QVector<QPointF> points;
  points.reserve(int(steps_.size()));
  double last = 0, weight = 0;
  for (const auto& s : steps_) {
    const double v = metricValue(s, m);
    if (!std::isfinite(v)) continue;
    // Debiased EMA (as TensorBoard): the first points are not dragged towards zero.
    last = last * smoothing + (1 - smoothing) * v;
    weight = weight * smoothing + (1 - smoothing);
    points.push_back(QPointF(double(s.step), last / weight));
  }
  return decimate(points, max_points);
}

const StepStats* MetricHistory::nearest(double step) const {
  if (steps_.empty()) return nullptr;
  auto it = std::lower_bound(steps_.begin(), steps_.end(), step,
                             [](const StepStats& s, double x) { return double(s.step) < x; });
  if (it == steps_.end()) return &steps_.back();
  if (it != steps_.begin() && step - double(std::prev(it)->step) < double(it->step) - step) --it;
  return &*it;
}

bool MetricHistory::writeCsv(const QString& path, double smoothing, QString* error) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = path + ": " + file.errorString();
    return false;
  }
  QTextStream out(&file);
  out << "step,images_seen,seconds";
  for (const auto& info : allMetrics()) out << ',' << info.column;
  out << ",g_loss_smoothed,d_loss_smoothed\n";
  double g = 0, d = 0, w = 0;
  for (const auto& s : steps_) {
    g = g * smoothing + (1 - smoothing) * s.g_loss;
    d = d * smoothing + (1 - smoothing) * s.d_loss;
    w = w * smoothing + (1 - smoothing);
    out << s.step << ',' << s.images_seen << ',' << s.seconds;
    for (const auto& info : allMetrics()) out << ',' << QString::number(metricValue(s, info.metric), 'g', 8);
    out << ',' << QString::number(g / w, 'g', 8) << ',' << QString::number(d / w, 'g', 8) << '\n';
  }
  out.flush();
  if (file.error() != QFile::NoError) {
    if (error) *error = path + ": " + file.errorString();
    return false;
  }
  return true;
}

}  // namespace gs

#pragma once
// Every logged step of a run, and the views the charts draw: raw series decimated to a point budget and
// TensorBoard-style smoothed series (debiased exponential moving average). Plain data, GUI-thread only.
#include <QPointF>
#include <QString>
#include <QVector>

#include <vector>

#include "training/step_stats.h"

namespace gs {

// L1: pix2pix's |G(A) - B|; Cycle and Identity: CycleGAN's terms (NaN, so not drawn, for steps without them).
enum class Metric {
  GLoss, DLoss, Penalty, DReal, DFake, GGradNorm, DGradNorm, ImagesPerSecond, AugmentP, AdaRt, L1, Cycle, Identity
};

struct MetricInfo {
  Metric metric;
  const char* name;    // legend and CSV column name
  const char* column;  // CSV column
};
const std::vector<MetricInfo>& allMetrics();
double metricValue(const StepStats& s, Metric m);

class MetricHistory {
 public:
  void append(const StepStats& s);
  void clear() {
    steps_.clear();
    translation_ = false;
  }
  size_t size() const { return steps_.size(); }
  bool empty() const { return steps_.empty(); }
  const std::vector<StepStats>& steps() const { return steps_; }
  // Some step came from an image-to-image model (it has L1, or cycle and identity losses).
  bool hasTranslationLosses() const { return translation_; }

  // At most about max_points points: each bucket of steps keeps its minimum and maximum, so spikes survive.
  QVector<QPointF> raw(Metric m, int max_points) const;
  // smoothing in [0, 1): weight of the running average, as TensorBoard's slider; decimated like raw().
  QVector<QPointF> smoothed(Metric m, double smoothing, int max_points) const;
  // The stats of the logged step nearest to `step` (for hover readouts); nullptr when empty.
  const StepStats* nearest(double step) const;
  // All columns, one row per step, with a smoothed column next to each loss. Returns false on a write error.
  bool writeCsv(const QString& path, double smoothing, QString* error) const;

 private:
  std::vector<StepStats> steps_;
  bool translation_ = false;
};

// Keeps each bucket's first, min and max points in step order; exposed for tests.
QVector<QPointF> decimate(const QVector<QPointF>& points, int max_points);

}  // namespace gs

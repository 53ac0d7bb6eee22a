#include "ui/health/health_history.h"

#include <cmath>

namespace gs {

void HealthHistory::add(const HealthRecord& record) {
  while (!records_.empty() && records_.back().step >= record.step) records_.pop_back();
  records_.push_back(record);
}

void HealthHistory::addAlarm(const Alarm& alarm) { alarms_.push_back(alarm); }

void HealthHistory::clear() {
  records_.clear();
  alarms_.clear();
}

QList<QPointF> HealthHistory::series(HealthSeries which) const {
  QList<QPointF> out;
  out.reserve(int(records_.size()));
  for (const HealthRecord& r : records_) {
    double v = HealthRecord::kNaN;
    switch (which) {
      case HealthSeries::PixelRatio: v = r.pixel_ratio; break;
      case HealthSeries::FeatureRatio: v = r.feature_ratio; break;
      case HealthSeries::DuplicateFraction: v = r.duplicate_fraction; break;
      case HealthSeries::BirthdaySupport: v = r.birthday.support; break;
    }
    if (std::isfinite(v)) out.append(QPointF(double(r.step), v));
  }
  return out;
}

const HealthRecord* HealthHistory::at(int64_t step) const {
  for (const HealthRecord& r : records_)
    if (r.step == step) return &r;
  return nullptr;
}

}  // namespace gs

#pragma once
// The health records and alarms of the run on screen, oldest first, as the Health charts draw them. A record at
// or before the newest step (a resume or a rollback measured again) replaces the later ones.
#include <QList>
#include <QPointF>

#include <vector>

#include "metrics/health_record.h"
#include "metrics/alarm.h"

namespace gs {

enum class HealthSeries { PixelRatio, FeatureRatio, DuplicateFraction, BirthdaySupport };

class HealthHistory {
 public:
  void add(const HealthRecord& record);
  void addAlarm(const Alarm& alarm);
  void clear();

  const std::vector<HealthRecord>& records() const { return records_; }
  const std::vector<Alarm>& alarms() const { return alarms_; }
  bool empty() const { return records_.empty(); }
  // (step, value) of one measure, leaving out steps where it was not measured (NaN).
  QList<QPointF> series(HealthSeries which) const;
  // The record measured at `step`, or nullptr.
  const HealthRecord* at(int64_t step) const;

 private:
  std::vector<HealthRecord> records_;
  std::vector<Alarm> alarms_;
};

}  // namespace gs

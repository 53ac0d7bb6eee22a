#pragma once
// The on-disk layout of a run, like a TensorBoard log folder, so that the desktop app can follow a run that
// ganscope-cli is writing:  RUN/config.json, RUN/metrics.jsonl (one JSON object per logged step),
// RUN/health.jsonl (one JSON object per health measurement, see metrics/health_record.h), RUN/alarms.jsonl
// (one per alarm raised, see metrics/alarm_record.h), RUN/quality.jsonl (one per quality measurement, see
// metrics/quality_record.h), RUN/checkpoints/best.gsck (the best generator by that measure),
// RUN/samples/step_000250.png, RUN/checkpoints/step_001000.gsck
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "metrics/alarm_record.h"
#include "metrics/health_record.h"
#include "metrics/quality_record.h"
#include "training/step_stats.h"

namespace gs {

struct RunPaths {
  std::string root;
  std::string config() const { return root + "/config.json"; }
  std::string metrics() const { return root + "/metrics.jsonl"; }
  std::string health() const { return root + "/health.jsonl"; }
  std::string alarms() const { return root + "/alarms.jsonl"; }
  std::string quality() const { return root + "/quality.jsonl"; }
  std::string bestCheckpoint() const { return root + "/checkpoints/best.gsck"; }  // best quality so far
  std::string samples() const { return root + "/samples"; }
  std::string checkpoints() const { return root + "/checkpoints"; }
  std::string sampleFile(int64_t step) const;
  std::string checkpointFile(int64_t step) const;
  // The EMA generator at the newest sample grid (samples/step_000250.gsgen, only the newest kept): what a
  // following app explores between checkpoints.
  std::string snapshotFile(int64_t step) const;
};

std::string metricsLine(const StepStats& s);           // one JSON object, no newline
bool parseMetricsLine(const std::string& line, StepStats& out);  // false on a partial or foreign line
// With the wall time "t" (Unix seconds) given / read back; metricsLine(s) stamps the current time.
std::string metricsLine(const StepStats& s, double wall_time);
bool parseMetricsLine(const std::string& line, StepStats& out, double* wall_time);
// A metrics line with its wall time (0 when the line has none: files written before "t" existed).
struct TimedStepStats {
  StepStats stats;
  double wall_time = 0;  // Unix seconds
};
bool parseTimedMetricsLine(const std::string& line, TimedStepStats& out);

// Step number of a run file such as ".../step_001000.gsck"; -1 when the name has another shape.
int64_t stepOfFile(const std::string& path);

// True when `dir` holds a run (its metrics.jsonl or config.json).
bool isRunFolder(const std::string& dir);
// The run's stored config (RunPaths::config()); throws GanscopeError naming the file when it is missing or bad.
TrainConfig readRunConfig(const std::string& run_dir);

// Checkpoint files of a run, oldest first.
std::vector<std::string> listCheckpoints(const std::string& run_dir);
std::vector<std::string> listSamples(const std::string& run_dir);
std::vector<std::string> listSnapshots(const std::string& run_dir);

// Follows a JSON-lines file as it grows: each poll() returns the complete lines appended since the last one.
class LineTail {
 public:
  explicit LineTail(std::string path);
  std::vector<std::string> poll();
  // True when the last poll() found the file replaced or shortened (a resumed run, or a rollback after NaN,
  // drops the lines after its checkpoint) and read it again from the start: the caller should drop the points
  // it already has.
  bool wasReset() const { return reset_; }
  // Bytes after the last newline: a line still being written, or one cut off when its writer died.
  size_t pendingBytes() const { return partial_.size(); }

 private:
  std::string path_;
  uint64_t offset_ = 0;
  uint64_t inode_ = 0;
  bool reset_ = false;
  std::string partial_;
};

// Follows a JSON-lines file of the run: each poll() returns the records of the complete lines appended since the
// last one that `Parse` accepts (other lines are skipped).
template <class Record, bool (*Parse)(const std::string&, Record&)>
class RecordTail {
 public:
  explicit RecordTail(std::string path) : tail_(std::move(path)) {}
  std::vector<Record> poll() {
    std::vector<Record> out;
    for (const std::string& line : tail_.poll()) {
      Record r;
      if (Parse(line, r)) {
        out.push_back(std::move(r));
      } else if (!line.empty()) {
        ++skipped_;
      }
    }
    return out;
  }
  bool wasReset() const { return tail_.wasReset(); }
  size_t pendingBytes() const { return tail_.pendingBytes(); }
  int64_t skippedLines() const { return skipped_; }  // complete lines that Parse rejected, since construction

 private:
  LineTail tail_;
  int64_t skipped_ = 0;
};

using MetricsTail = RecordTail<StepStats, parseMetricsLine>;  // metrics.jsonl
using HealthTail = RecordTail<HealthRecord, parseHealthLine>;  // health.jsonl
using AlarmTail = RecordTail<Alarm, parseAlarmLine>;           // alarms.jsonl
using QualityTail = RecordTail<QualityRecord, parseQualityLine>;  // quality.jsonl
using TimedMetricsTail = RecordTail<TimedStepStats, parseTimedMetricsLine>;  // metrics.jsonl with wall times

}  // namespace gs

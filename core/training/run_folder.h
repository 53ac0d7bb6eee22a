#pragma once
// The on-disk layout of a run, like a TensorBoard log folder, so that the desktop app can follow a run that
// ganscope-cli is writing:  RUN/config.json, RUN/metrics.jsonl (one JSON object per logged step),
// RUN/samples/step_000250.png, RUN/checkpoints/step_001000.gsck
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "training/step_stats.h"

namespace gs {

struct RunPaths {
  std::string root;
  std::string config() const { return root + "/config.json"; }
  std::string metrics() const { return root + "/metrics.jsonl"; }
  std::string samples() const { return root + "/samples"; }
  std::string checkpoints() const { return root + "/checkpoints"; }
  std::string sampleFile(int64_t step) const;
  std::string checkpointFile(int64_t step) const;
};

std::string metricsLine(const StepStats& s);           // one JSON object, no newline
bool parseMetricsLine(const std::string& line, StepStats& out);  // false on a partial or foreign line

// Checkpoint files of a run, oldest first.
std::vector<std::string> listCheckpoints(const std::string& run_dir);
std::vector<std::string> listSamples(const std::string& run_dir);

// Follows metrics.jsonl as it grows: each poll() returns the complete lines appended since the last one.
class MetricsTail {
 public:
  explicit MetricsTail(std::string path);
  std::vector<StepStats> poll();

 private:
  std::string path_;
  uint64_t offset_ = 0;
  std::string partial_;
};

}  // namespace gs

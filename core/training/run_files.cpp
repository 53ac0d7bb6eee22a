#include "training/run_files.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "training/jsonl_file.h"
#include "util/error.h"

namespace gs {

void makeDirs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw fileError(dir, "cannot create folder (" + ec.message() + ")");
}

void copyRunSettings(const TrainConfig& from, TrainConfig& to) {
  to.total_steps = from.total_steps;
  to.log_every = from.log_every;
  to.sample_every = from.sample_every;
  to.checkpoint_every = from.checkpoint_every;
  to.keep_checkpoints = from.keep_checkpoints;
  to.device = from.device;
  to.threads = from.threads;
  to.health_every = from.health_every;
  to.birthday_trials = from.birthday_trials;
  to.nan_lr_scale = from.nan_lr_scale;
  to.quality_every = from.quality_every;
}

void truncateMetrics(const RunPaths& paths, int64_t step) {
  truncateJsonl(paths.metrics(), step, [](const std::string& line, int64_t& s) {
    StepStats stats;
    if (!parseMetricsLine(line, stats)) return false;
    s = stats.step;
    return true;
  });
}

void removeSamplesAfter(const std::string& run_dir, int64_t step) {
  for (const auto& path : listSamples(run_dir))
    if (stepOfFile(path) > step) std::remove(path.c_str());
  for (const auto& path : listSnapshots(run_dir))
    if (stepOfFile(path) > step) std::remove(path.c_str());
}

void rewindRunFiles(const RunPaths& paths, int64_t step, std::unique_ptr<JsonlAppender>& metrics) {
  metrics.reset();
  truncateMetrics(paths, step);
  metrics = std::make_unique<JsonlAppender>(paths.metrics());
  removeSamplesAfter(paths.root, step);
}

std::string nonFiniteStats(const StepStats& s) {
  const std::pair<const char*, double> values[] = {{"g_loss", s.g_loss},           {"d_loss", s.d_loss},
                                                   {"penalty", s.penalty},         {"g_grad_norm", s.g_grad_norm},
                                                   {"d_grad_norm", s.d_grad_norm}, {"l1", s.l1},
                                                   {"cycle", s.cycle},             {"identity", s.identity}};
  for (const auto& [name, v] : values)
    if (!std::isfinite(v)) return name;
  return "";
}

}  // namespace gs

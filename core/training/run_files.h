#pragma once
// Steps on a run folder that every training loop takes (training/run_loop.cpp for latent models,
// training/translation_run.cpp for image-to-image ones): folders, settings kept on resume, cutting the run back
// to a checkpoint, and spotting non-finite numbers. Internal to core/training.
#include <cstdint>
#include <memory>
#include <string>

#include "config.h"
#include "training/jsonl_file.h"
#include "training/run_folder.h"
#include "training/step_stats.h"

namespace gs {

// Rolling back to the same checkpoint more often than this in a row means lower rates don't help: stop.
constexpr int kMaxRollbacksInARow = 3;

// Creates `dir` and its parents; throws GanscopeError naming it.
void makeDirs(const std::string& dir);
// The run's settings that may change between sessions (how long, how often to log, where to run); the rest
// describes the networks, optimiser and data and must match what was saved.
void copyRunSettings(const TrainConfig& from, TrainConfig& to);
// Drops metrics.jsonl lines past `step`.
void truncateMetrics(const RunPaths& paths, int64_t step);
// Sample grids (and generator snapshots) newer than `step` show a future that no longer happens.
void removeSamplesAfter(const std::string& run_dir, int64_t step);
// After a rollback to `step`: metrics.jsonl lines and sample grids past it go, and `metrics` (the open appender)
// is reopened on the shortened file.
void rewindRunFiles(const RunPaths& paths, int64_t step, std::unique_ptr<JsonlAppender>& metrics);
// The first number of a step that is NaN or infinite, "" when all are finite.
std::string nonFiniteStats(const StepStats& s);

}  // namespace gs

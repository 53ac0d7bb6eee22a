#include "training/run_loop.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <thread>

#include "data/image_dataset.h"
#include "export/png_export.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "training/trainer.h"
#include "util/atomic_file.h"
#include "util/device.h"
#include "util/error.h"
#include "util/tensor_image.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

void makeDirs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw fileError(dir, "cannot create folder (" + ec.message() + ")");
}

// The run's settings that may change between sessions (how long, how often to log, where to run); the rest
// describes the networks, optimiser and data and must match what was saved.
void copyRunSettings(const TrainConfig& from, TrainConfig& to) {
  to.total_steps = from.total_steps;
  to.log_every = from.log_every;
  to.sample_every = from.sample_every;
  to.checkpoint_every = from.checkpoint_every;
  to.keep_checkpoints = from.keep_checkpoints;
  to.device = from.device;
  to.threads = from.threads;
}

TrainConfig resumedConfig(const std::string& checkpoint, const TrainConfig& requested) {
  TrainConfig c = readCheckpointConfig(checkpoint);
  copyRunSettings(requested, c);
  if (!requested.data.path.empty()) c.data.path = requested.data.path;  // the folder may have moved
  return c;
}

// Appends whole lines to metrics.jsonl with one write() each, so a reader tailing the file sees either
// nothing or a complete line (plus, at worst, a partial one it waits on).
class MetricsWriter {
 public:
  explicit MetricsWriter(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw fileError(path, std::string("cannot open for writing (") + std::strerror(errno) + ")");
  }
  ~MetricsWriter() { ::close(fd_); }
  MetricsWriter(const MetricsWriter&) = delete;
  MetricsWriter& operator=(const MetricsWriter&) = delete;

  void append(const StepStats& s) {
    const std::string line = metricsLine(s) + "\n";
    size_t done = 0;
    while (done < line.size()) {
      const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw fileError(path_, std::string("write failed (") + std::strerror(errno) + ")");
      done += static_cast<size_t>(n);
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// Drops metrics lines past the checkpoint step (and any torn last line), so resumed curves have no
// duplicated or orphaned points; rewritten atomically so a follower sees the old file or the new one.
void truncateMetrics(const RunPaths& paths, int64_t step) {
  if (!fs::exists(paths.metrics())) return;
  std::istringstream in(readFile(paths.metrics()));
  std::string kept, line;
  bool dropped = false;
  while (std::getline(in, line)) {
    StepStats s;
    if (in.eof() || !parseMetricsLine(line, s) || s.step > step) {
      dropped = true;  // without a trailing newline the last line is torn
      continue;
    }
    kept += line + "\n";
  }
  if (dropped) writeFileAtomic(paths.metrics(), kept);
}

// Sample grids newer than the checkpoint show a future that no longer happens.
void removeSamplesAfter(const std::string& run_dir, int64_t step) {
  for (const auto& path : listSamples(run_dir))
    if (stepOfFile(path) > step) std::remove(path.c_str());
}

class RunLoop {
 public:
  RunLoop(TrainConfig config, std::string run_dir, const RunCallbacks& cb)
      : config_(std::move(config)), paths_{std::move(run_dir)}, cb_(cb) {}

  RunResult run(bool resume, const std::string& resume_from);

 private:
  bool stopRequested() const { return cb_.should_stop && cb_.should_stop(); }
  // Sleeps while paused; returns false when a stop arrives meanwhile.
  bool waitWhilePaused() const;
  void writeSamples(int64_t step);
  void writeCheckpoint(int64_t step);

  TrainConfig config_;
  RunPaths paths_;
  const RunCallbacks& cb_;
  std::unique_ptr<Trainer> trainer_;
  at::Tensor fixed_;
  std::string last_checkpoint_;
};

bool RunLoop::waitWhilePaused() const {
  while (cb_.is_paused && cb_.is_paused()) {
    if (stopRequested()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

void RunLoop::writeSamples(int64_t step) {
  const std::vector<ImageU8> images = tensorToImages(trainer_->sample(fixed_, /*use_ema=*/true));
  const ImageU8 grid = tileGrid(images, config_.grid_size, /*padding=*/2);
  PngText text = standardExportText();
  text.emplace_back("Step", std::to_string(step));
  text.emplace_back("Seed", std::to_string(config_.seed));
  writePng(paths_.sampleFile(step), grid, text);
  if (cb_.on_samples) cb_.on_samples(grid, step);
}

void RunLoop::writeCheckpoint(int64_t step) {
  const std::string path = paths_.checkpointFile(step);
  trainer_->save(path);
  last_checkpoint_ = path;
  pruneCheckpoints(listCheckpoints(paths_.root), config_.keep_checkpoints);
  if (cb_.on_checkpoint) cb_.on_checkpoint(path, step);
}

RunResult RunLoop::run(bool resume, const std::string& resume_from) {
  validate(config_);
  setCpuThreads(config_.threads);

  // Decode the dataset first: a bad folder should fail before anything is written.
  auto data = ImageDataset::load(config_.data, cb_.on_load_progress, cb_.should_stop);
  if (cb_.on_dataset) cb_.on_dataset(data->summary());

  trainer_ = std::make_unique<Trainer>(config_, data);
  if (resume) {
    trainer_->load(resume_from);
    last_checkpoint_ = resume_from;
  }
  const int64_t start = trainer_->stepCount();
  const TrainConfig requested = config_;
  config_ = trainer_->config();  // channels and resolution filled in from the data
  copyRunSettings(requested, config_);
  config_.total_steps = std::max(config_.total_steps, start);

  makeDirs(paths_.samples());
  makeDirs(paths_.checkpoints());
  writeFileAtomic(paths_.config(), toJson(config_) + "\n");
  if (resume) {
    truncateMetrics(paths_, start);
    removeSamplesAfter(paths_.root, start);
  } else {
    // Leftovers of an earlier attempt that never reached a checkpoint would mix into this run's curves.
    writeFileAtomic(paths_.metrics(), "");
    removeSamplesAfter(paths_.root, -1);
  }
  MetricsWriter metrics(paths_.metrics());
  fixed_ = trainer_->fixedLatents();

  RunResult result;
  int64_t step = start;
  int64_t last_logged = -1, last_sampled = -1;
  StepStats stats;
  while (step < config_.total_steps) {
    if (stopRequested() || !waitWhilePaused()) {
      result.stopped = true;
      break;
    }
    stats = trainer_->step();
    step = stats.step;
    if (cb_.on_step) cb_.on_step(stats);
    if (step % config_.log_every == 0) {
      metrics.append(stats);
      last_logged = step;
    }
    if (step % config_.sample_every == 0) {
      writeSamples(step);
      last_sampled = step;
    }
    if (step % config_.checkpoint_every == 0) writeCheckpoint(step);
  }

  // Finish with a metrics point, a grid and a checkpoint of the final step (unless they exist already).
  if (step > start && last_logged != step) metrics.append(stats);
  if (step > start && last_sampled != step) writeSamples(step);
  if (!fs::exists(paths_.checkpointFile(step))) writeCheckpoint(step);
  if (last_checkpoint_.empty()) last_checkpoint_ = paths_.checkpointFile(step);

  result.steps_done = step;
  result.last_checkpoint = last_checkpoint_;
  return result;
}

}  // namespace

RunResult trainRun(const TrainConfig& config, const std::string& run_dir, bool resume, const RunCallbacks& cb) {
  if (run_dir.empty()) throw GanscopeError("no run folder given");
  const std::vector<std::string> existing = listCheckpoints(run_dir);
  TrainConfig effective = config;
  std::string resume_from;
  if (resume) {
    if (!fs::is_directory(run_dir)) throw fileError(run_dir, "no such run folder to resume");
    if (existing.empty())
      throw fileError(run_dir, "has no checkpoints to resume from (checkpoints/ is empty); start a new run instead");
    resume_from = existing.back();
    effective = resumedConfig(resume_from, config);
  } else if (!existing.empty()) {
    throw fileError(run_dir, "already holds a run with checkpoints (newest " +
                                 fs::path(existing.back()).filename().string() +
                                 "); resume it or choose another folder");
  }
  return RunLoop(effective, run_dir, cb).run(resume, resume_from);
}

}  // namespace gs

#pragma once
// A run folder's TensorBoard view, written as training goes: RUN/events.out.tfevents.<time>.<host> gets a scalar
// for every numeric field of every metrics.jsonl, health.jsonl and quality.jsonl line ("metrics/g_loss",
// "health/diversity", ...; nested objects flattened with '/'), at the line's step and wall time, and the sample
// grid as an image ("samples") at every grid. The JSONL files stay the record the app reads: this mirrors them,
// reading each as it grows. `tensorboard --logdir RUNS` shows the runs beside each other.
#include <cstdint>
#include <memory>
#include <string>

#include "training/run_folder.h"
#include "util/image.h"

namespace gs {

class EventFileWriter;
class LineTail;

class RunEvents {
 public:
  // For a fresh run (keep_through < 0) the folder's old event files go and a new one starts; for a resumed one
  // the newest event file is cut back to keep_through and continued (JSONL lines up to keep_through are in it
  // already), or - for a run written before event files existed - a new one is filled from the JSONL files.
  RunEvents(const RunPaths& paths, int64_t keep_through);
  ~RunEvents();
  RunEvents(const RunEvents&) = delete;
  RunEvents& operator=(const RunEvents&) = delete;

  void poll();  // lines appended to the JSONL files since the last poll -> scalars
  void image(int64_t step, const ImageU8& grid);
  void flush();  // poll, then to the disk: at every checkpoint
  // After a rollback to `step` (the JSONL files were cut back): the event file is cut back the same way.
  void rewind(int64_t step);
  const std::string& path() const { return path_; }

 private:
  void open(int64_t keep_through);
  RunPaths paths_;
  std::string path_;
  int64_t skip_through_ = -1;  // lines at or before this step are in the event file already
  std::unique_ptr<EventFileWriter> writer_;
  std::unique_ptr<LineTail> metrics_, health_, quality_;
};

// The event files of a run folder, oldest first.
std::vector<std::string> listEventFiles(const std::string& run_dir);

}  // namespace gs

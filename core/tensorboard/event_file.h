#pragma once
// TensorBoard event files (events.out.tfevents.<time>.<host>): TFRecord framing - a little-endian 64-bit length,
// its masked CRC-32C, the record, the record's masked CRC-32C - around Event protocol buffers (tensorboard.proto):
// the file_version record first, then scalar and image summaries. Needs Debian's libprotobuf at build time
// (GANSCOPE_HAVE_PROTOBUF); without it tensorboardAvailable() is false and the writer refuses to open.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/image.h"

namespace gs {

bool tensorboardAvailable();

struct TbImage {
  std::string tag;
  int width = 0, height = 0, channels = 0;
  std::string png;
};

// One Event, decoded.
struct TbEvent {
  double wall_time = 0;
  int64_t step = 0;
  std::string file_version;  // set on the first record only
  std::vector<std::pair<std::string, float>> scalars;
  std::vector<TbImage> images;
};

// The records of a TFRecord file. Throws GanscopeError naming the file when a CRC does not match; a record cut
// short at the end (a writer killed mid-write) is left out and *torn (when given) set.
std::vector<std::string> readTfRecords(const std::string& path, bool* torn = nullptr);
// Every event of an event file, decoded (for tests and for cutting a file back).
std::vector<TbEvent> readEventFile(const std::string& path);

class EventFileWriter {
 public:
  // Appends to `path`, which is created with its file_version record when missing.
  explicit EventFileWriter(std::string path);
  ~EventFileWriter();
  EventFileWriter(const EventFileWriter&) = delete;
  EventFileWriter& operator=(const EventFileWriter&) = delete;

  void scalars(int64_t step, double wall_time, const std::vector<std::pair<std::string, double>>& values);
  void image(int64_t step, double wall_time, const std::string& tag, const ImageU8& image);
  void flush();  // to the disk (fdatasync)
  const std::string& path() const { return path_; }

 private:
  void write(const std::string& event);
  std::string path_;
  int fd_ = -1;
};

// Rewrites `path` atomically without the summaries of steps past `step` (and without a torn last record).
void truncateEventFile(const std::string& path, int64_t step);
// "events.out.tfevents.<unix seconds>.<host name>".
std::string newEventFileName();

}  // namespace gs

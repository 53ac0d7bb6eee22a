#include "tensorboard/event_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "export/png_export.h"
#include "tensorboard/crc32c.h"
#include "util/atomic_file.h"
#include "util/error.h"

#ifdef GANSCOPE_HAVE_PROTOBUF
#include "tensorboard.pb.h"
#endif

namespace gs {
namespace {

void appendLE(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint64_t readLE(const std::string& s, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<unsigned char>(s[pos + i])) << (8 * i);
  return v;
}

std::string frame(const std::string& record) {
  std::string out, length;
  appendLE(length, record.size(), 8);
  out += length;
  appendLE(out, maskCrc(crc32c(length)), 4);
  out += record;
  appendLE(out, maskCrc(crc32c(record)), 4);
  return out;
}

#ifdef GANSCOPE_HAVE_PROTOBUF
std::string fileVersionEvent() {
  tb::Event e;
  e.set_wall_time(double(std::time(nullptr)));
  e.set_file_version("brain.Event:2");
  return e.SerializeAsString();
}
#endif

}  // namespace

bool tensorboardAvailable() {
#ifdef GANSCOPE_HAVE_PROTOBUF
  return true;
#else
  return false;
#endif
}

std::vector<std::string> readTfRecords(const std::string& path, bool* torn) {
  const std::string bytes = readFile(path);
  std::vector<std::string> records;
  size_t pos = 0;
  if (torn) *torn = false;
  while (pos < bytes.size()) {
    if (bytes.size() - pos < 12) break;
    const std::string length = bytes.substr(pos, 8);
    if (readLE(bytes, pos + 8, 4) != maskCrc(crc32c(length)))
      throw fileError(path, "TensorBoard event file damaged: length CRC mismatch at byte " + std::to_string(pos));
    const uint64_t n = readLE(bytes, pos, 8);
    if (n > bytes.size() - pos - 12 || bytes.size() - pos - 12 - n < 4) break;
    std::string record = bytes.substr(pos + 12, n);
    if (readLE(bytes, pos + 12 + n, 4) != maskCrc(crc32c(record)))
      throw fileError(path, "TensorBoard event file damaged: record CRC mismatch at byte " + std::to_string(pos));
    records.push_back(std::move(record));
    pos += 16 + n;
  }
  if (torn && pos < bytes.size()) *torn = true;
  return records;
}

std::vector<TbEvent> readEventFile(const std::string& path) {
  std::vector<TbEvent> out;
#ifdef GANSCOPE_HAVE_PROTOBUF
  for (const std::string& record : readTfRecords(path)) {
    tb::Event e;
    if (!e.ParseFromString(record)) throw fileError(path, "TensorBoard event file holds a record that is not an Event");
    TbEvent t;
    t.wall_time = e.wall_time();
    t.step = e.step();
    t.file_version = e.file_version();
    for (const auto& v : e.summary().value()) {
      if (v.has_image())
        t.images.push_back({v.tag(), v.image().width(), v.image().height(), v.image().colorspace(),
                            v.image().encoded_image_string()});
      else
        t.scalars.emplace_back(v.tag(), v.simple_value());
    }
    out.push_back(std::move(t));
  }
#else
  (void)path;
#endif
  return out;
}

EventFileWriter::EventFileWriter(std::string path) : path_(std::move(path)) {
#ifdef GANSCOPE_HAVE_PROTOBUF
  const bool fresh = ::access(path_.c_str(), F_OK) != 0;
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw fileError(path_, std::string("cannot open the TensorBoard event file: ") + std::strerror(errno));
  if (fresh) write(fileVersionEvent());
#else
  throw fileError(path_, "this build has no TensorBoard support (libprotobuf was not found)");
#endif
}

EventFileWriter::~EventFileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void EventFileWriter::write(const std::string& event) {
  const std::string bytes = frame(event);
  size_t done = 0;
  while (done < bytes.size()) {  // one record per write(): a reader never sees half a record unless we die
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw fileError(path_, std::string("cannot write the TensorBoard event file: ") + std::strerror(errno));
    done += size_t(n);
  }
}

void EventFileWriter::scalars(int64_t step, double wall_time,
                              const std::vector<std::pair<std::string, double>>& values) {
#ifdef GANSCOPE_HAVE_PROTOBUF
  tb::Event e;
  e.set_wall_time(wall_time);
  e.set_step(step);
  for (const auto& [tag, value] : values) {
    auto* v = e.mutable_summary()->add_value();
    v->set_tag(tag);
    v->set_simple_value(static_cast<float>(value));
  }
  write(e.SerializeAsString());
#else
  (void)step, (void)wall_time, (void)values;
#endif
}

void EventFileWriter::image(int64_t step, double wall_time, const std::string& tag, const ImageU8& image) {
#ifdef GANSCOPE_HAVE_PROTOBUF
  tb::Event e;
  e.set_wall_time(wall_time);
  e.set_step(step);
  auto* v = e.mutable_summary()->add_value();
  v->set_tag(tag);
  auto* im = v->mutable_image();
  im->set_width(image.width);
  im->set_height(image.height);
  im->set_colorspace(image.channels);
  im->set_encoded_image_string(encodePng(image));
  write(e.SerializeAsString());
#else
  (void)step, (void)wall_time, (void)tag, (void)image;
#endif
}

void EventFileWriter::flush() {
  if (fd_ >= 0 && ::fdatasync(fd_) != 0)
    throw fileError(path_, std::string("cannot flush the TensorBoard event file: ") + std::strerror(errno));
}

void truncateEventFile(const std::string& path, int64_t step) {
#ifdef GANSCOPE_HAVE_PROTOBUF
  bool torn = false;
  const std::vector<std::string> records = readTfRecords(path, &torn);
  std::string kept;
  size_t dropped = 0;
  for (const std::string& record : records) {
    tb::Event e;
    if (e.ParseFromString(record) && e.has_summary() && e.step() > step) {
      ++dropped;
      continue;
    }
    kept += frame(record);
  }
  if (dropped > 0 || torn) writeFileAtomic(path, kept);
#else
  (void)path, (void)step;
#endif
}

std::string newEventFileName() {
  char host[256] = "localhost";
  ::gethostname(host, sizeof host - 1);
  return "events.out.tfevents." + std::to_string(std::time(nullptr)) + "." + host;
}

}  // namespace gs

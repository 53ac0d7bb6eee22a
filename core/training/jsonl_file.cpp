#include "training/jsonl_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {

JsonlAppender::JsonlAppender(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw fileError(path, std::string("cannot open for writing (") + std::strerror(errno) + ")");
}

JsonlAppender::~JsonlAppender() { ::close(fd_); }

void JsonlAppender::append(const std::string& text) {
  const std::string line = text + "\n";
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fileError(path_, std::string("write failed (") + std::strerror(errno) + ")");
    done += static_cast<size_t>(n);
  }
}

void truncateJsonl(const std::string& path, int64_t step,
                   const std::function<bool(const std::string& line, int64_t& step)>& step_of) {
  if (!std::filesystem::exists(path)) return;
  std::istringstream in(readFile(path));
  std::string kept, line;
  bool dropped = false;
  while (std::getline(in, line)) {
    int64_t line_step = 0;
    if (in.eof() || !step_of(line, line_step) || line_step > step) {
      dropped = true;  // without a trailing newline the last line is torn
      continue;
    }
    kept += line + "\n";
  }
  if (dropped) writeFileAtomic(path, kept);
}

}  // namespace gs

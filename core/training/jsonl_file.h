#pragma once
// The JSON-lines files of a run folder (metrics.jsonl, health.jsonl): appended one whole line per write() so a
// follower never sees half a line, and cut back to a checkpoint's step on resume or rollback.
#include <cstdint>
#include <functional>
#include <string>

namespace gs {

class JsonlAppender {
 public:
  explicit JsonlAppender(const std::string& path);  // opens for appending, creating it; throws GanscopeError
  ~JsonlAppender();
  JsonlAppender(const JsonlAppender&) = delete;
  JsonlAppender& operator=(const JsonlAppender&) = delete;
  void append(const std::string& line);  // adds the newline

 private:
  std::string path_;
  int fd_ = -1;
};

// Drops the lines whose step (from step_of; false: not a line of ours) is past `step`, lines that don't parse,
// and a torn last line; rewritten atomically (a follower sees the old file or the new one), untouched when
// nothing is dropped. An appender open on the file must be reopened afterwards.
void truncateJsonl(const std::string& path, int64_t step,
                   const std::function<bool(const std::string& line, int64_t& step)>& step_of);

}  // namespace gs

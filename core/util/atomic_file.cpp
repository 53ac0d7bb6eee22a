#include "util/atomic_file.h"

#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "util/error.h"

namespace gs {
namespace {

std::string parentDir(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Writes all of `bytes` to fd, retrying short writes and EINTR.
bool writeAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// True for "NAME.tmp-123-4567", the names writeFileAtomic gives its temporary files.
bool isAtomicTempName(const std::string& name) {
  const size_t at = name.rfind(".tmp-");
  if (at == std::string::npos || at == 0) return false;
  const std::string rest = name.substr(at + 5);
  const size_t dash = rest.find('-');
  auto digits = [](const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  };
  return dash != std::string::npos && digits(rest.substr(0, dash)) && digits(rest.substr(dash + 1));
}

}  // namespace

int removeStaleTempFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (isAtomicTempName(it->path().filename().string()) && it->is_regular_file(ec) && fs::remove(it->path(), ec))
      ++removed;
  }
  return removed;
}

void writeFileAtomic(const std::string& path, const std::string& bytes) {
  // A unique temporary name beside the target: rename() is only atomic within one file system.
  std::random_device rd;
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw fileError(path, std::string("cannot write (") + std::strerror(errno) + ")");
  const bool ok = writeAll(fd, bytes.data(), bytes.size()) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    const bool full = saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EDQUOT;
    throw fileError(path, std::string("write failed (") + std::strerror(saved_errno) + ")" +
                              (full ? ": the disk is full or a file-size limit was reached; the previous file, if "
                                      "any, is unchanged"
                                    : ""));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    throw fileError(path, std::string("cannot replace (") + std::strerror(e) + ")");
  }
  // Persist the directory entry too, so the rename survives a power cut.
  const int dir = ::open(parentDir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

std::string readFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) throw fileError(path, "not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fileError(path, std::string("cannot open (") + std::strerror(errno) + ")");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw fileError(path, "read error");
  return out.str();
}

}  // namespace gs

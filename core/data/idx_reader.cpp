#include "data/idx_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "util/error.h"

namespace gs {
namespace {

constexpr uint32_t kIdx3UByte = 0x00000803;
constexpr uint32_t kIdx1UByte = 0x00000801;

uint32_t be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// Reads up to n bytes; returns how many arrived (a damaged gzip stream counts as the end).
int64_t readAll(gzFile f, uint8_t* dst, int64_t n) {
  int64_t got = 0;
  while (got < n) {
    const unsigned chunk = static_cast<unsigned>(std::min<int64_t>(n - got, 1 << 30));
    const int r = gzread(f, dst + got, chunk);
    if (r <= 0) break;
    got += r;
  }
  return got;
}

GzFile openGz(const std::string& path) {
  GzFile f(gzopen(path.c_str(), "rb"));
  if (!f) {
    const int err = errno;
    throw fileError(path, std::string("can't open (") + (err == EACCES ? "permission denied" : std::strerror(err)) + ")");
  }
  gzbuffer(f.get(), 1 << 20);
  return f;
}

}  // namespace

bool looksLikeIdx(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  uint8_t b[4] = {};
  if (!f || std::fread(b, 1, 4, f.get()) != 4) return false;
  const bool gzip = b[0] == 0x1F && b[1] == 0x8B;
  return gzip || (b[0] == 0 && b[1] == 0 && b[2] == 0x08);
}

std::string trainImagesIdxIn(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("train-images-idx3-ubyte", 0) == 0 && entry.is_regular_file(ec) && looksLikeIdx(entry.path()))
      return entry.path().string();
  }
  return {};
}

IdxImages readIdxImages(const std::string& path, int64_t max_images) {
  GzFile f = openGz(path);
  uint8_t head[16];
  const int64_t got_head = readAll(f.get(), head, 16);
  if (got_head < 4) throw fileError(path, "truncated: expected an IDX header of 16 bytes, got " + std::to_string(got_head));
  const uint32_t magic = be32(head);
  if (magic != kIdx3UByte) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", magic);
    throw fileError(path, std::string("not an IDX image file (magic ") + hex + ", expected 0x00000803 for unsigned-byte images of 3 dimensions)");
  }
  if (got_head < 16) throw fileError(path, "truncated: expected an IDX header of 16 bytes, got " + std::to_string(got_head));

  IdxImages out;
  out.count = be32(head + 4);
  const uint32_t rows = be32(head + 8), cols = be32(head + 12);
  if (out.count == 0 || rows == 0 || cols == 0 || rows > 16384 || cols > 16384) {
    throw fileError(path, "bad IDX dimensions: " + std::to_string(out.count) + " images of " + std::to_string(rows) +
                              " x " + std::to_string(cols));
  }
  out.rows = static_cast<int>(rows);
  out.cols = static_cast<int>(cols);
  const int64_t image_bytes = int64_t(rows) * cols;
  const int64_t expected = 16 + out.count * image_bytes;

  // Grow the buffer as data arrives, so a header claiming billions of images can't allocate them up front.
  // The rest of the payload is read even when only max_images are kept, so truncation is always reported.
  const int64_t keep = max_images > 0 ? std::min(out.count, max_images) : out.count;
  const int64_t payload = out.count * image_bytes;
  constexpr int64_t kChunk = 64 << 20;
  std::vector<uint8_t> scratch;
  int64_t got = 0;
  while (got < payload) {
    const int64_t want = std::min(kChunk, payload - got);
    if (got < keep * image_bytes) {
      const int64_t k = std::min(want, keep * image_bytes - got);
      out.pixels.resize(static_cast<size_t>(got + k));
      const int64_t r = readAll(f.get(), out.pixels.data() + got, k);
      got += r;
      if (r < k) break;
      continue;
    }
    scratch.resize(static_cast<size_t>(want));
    const int64_t r = readAll(f.get(), scratch.data(), want);
    got += r;
    if (r < want) break;
  }
  if (16 + got < expected) {
    throw fileError(path, "truncated: expected " + std::to_string(expected) + " bytes, got " + std::to_string(16 + got));
  }
  uint8_t extra;
  if (gzread(f.get(), &extra, 1) > 0) {
    throw fileError(path, "unexpected data after " + std::to_string(expected) + " bytes (header says " +
                              std::to_string(out.count) + " images of " + std::to_string(rows) + " x " +
                              std::to_string(cols) + ")");
  }
  out.count = keep;
  return out;
}

std::vector<uint8_t> readIdxLabels(const std::string& path) {
  GzFile f = openGz(path);
  uint8_t head[8];
  if (readAll(f.get(), head, 8) < 8) throw fileError(path, "truncated: expected an IDX label header of 8 bytes");
  if (be32(head) != kIdx1UByte) throw fileError(path, "not an IDX label file (expected magic 0x00000801)");
  const uint32_t count = be32(head + 4);
  if (count == 0 || count > (1u << 30)) throw fileError(path, "bad IDX label count " + std::to_string(count));
  std::vector<uint8_t> labels(count);
  const int64_t got = readAll(f.get(), labels.data(), count);
  if (got < count)
    throw fileError(path, "truncated: expected " + std::to_string(count) + " labels, got " + std::to_string(got));
  return labels;
}

}  // namespace gs

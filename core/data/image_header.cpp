#include "data/image_header.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "util/error.h"

namespace gs {
namespace {

// Random access to the file's bytes: a memory buffer, or a FILE* that seeks, so JPEG segment chains and TIFF
// directories at the end of a file are reached without reading what lies between.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to n bytes at `offset` into dst; returns how many were available.
  virtual size_t read(uint64_t offset, uint8_t* dst, size_t n) = 0;
  bool readExact(uint64_t offset, uint8_t* dst, size_t n) { return read(offset, dst, n) == n; }
};

class MemorySource : public ByteSource {
 public:
  MemorySource(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  size_t read(uint64_t offset, uint8_t* dst, size_t n) override {
    if (offset >= size_) return 0;
    size_t k = std::min<uint64_t>(n, size_ - offset);
    std::memcpy(dst, data_ + offset, k);
    return k;
  }

 private:
  const uint8_t* data_;
  size_t size_;
};

class FileSource : public ByteSource {
 public:
  explicit FileSource(std::FILE* f) : f_(f) {}
  size_t read(uint64_t offset, uint8_t* dst, size_t n) override {
    if (fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0) return 0;
    return std::fread(dst, 1, n, f_);
  }

 private:
  std::FILE* f_;
};

uint32_t be16(const uint8_t* p) { return (uint32_t(p[0]) << 8) | p[1]; }
uint32_t be32(const uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
uint32_t le16(const uint8_t* p) { return (uint32_t(p[1]) << 8) | p[0]; }
uint32_t le32(const uint8_t* p) { return (le16(p + 2) << 16) | le16(p); }
uint32_t le24(const uint8_t* p) { return (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0]; }

// Sizes beyond int are reported as INT32_MAX so the pixel limit still rejects them.
int clampDim(uint64_t v) { return v > 0x7fffffffu ? 0x7fffffff : static_cast<int>(v); }

void parsePng(ByteSource& src, ImageHeader& h) {
  // Signature (8), chunk length (4), "IHDR", width, height, bit depth, colour type.
  uint8_t b[26];
  if (!src.readExact(0, b, sizeof b) || std::memcmp(b + 12, "IHDR", 4) != 0) return;
  h.width = clampDim(be32(b + 16));
  h.height = clampDim(be32(b + 20));
  h.bit_depth = b[24];
  static const int kChannels[7] = {1, 0, 3, 3, 2, 0, 4};  // by colour type; palette decodes to RGB
  h.channels = b[25] < 7 ? kChannels[b[25]] : 0;
}

void parseJpeg(ByteSource& src, ImageHeader& h) {
  // Walk the marker segments until a start-of-frame (SOF0..SOF15 except DHT, JPG, DAC).
  uint64_t pos = 2;
  for (int guard = 0; guard < 4096; ++guard) {
    uint8_t m[2];
    if (!src.readExact(pos, m, 2) || m[0] != 0xFF) return;
    if (m[1] == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (m[1] == 0x01 || (m[1] >= 0xD0 && m[1] <= 0xD7)) {  // markers without a length
      pos += 2;
      continue;
    }
    if (m[1] == 0xD9 || m[1] == 0xDA) return;  // end of image or start of scan before any frame
    uint8_t len[2];
    if (!src.readExact(pos + 2, len, 2) || be16(len) < 2) return;
    bool sof = m[1] >= 0xC0 && m[1] <= 0xCF && m[1] != 0xC4 && m[1] != 0xC8 && m[1] != 0xCC;
    if (sof) {
      uint8_t f[6];  // precision, height, width, components
      if (!src.readExact(pos + 4, f, sizeof f)) return;
      h.bit_depth = f[0];
      h.height = clampDim(be16(f + 1));
      h.width = clampDim(be16(f + 3));
      h.channels = f[5];
      return;
    }
    pos += 2 + be16(len);
  }
}

void parseBmp(ByteSource& src, ImageHeader& h) {
  uint8_t b[30];
  if (!src.readExact(0, b, 18)) return;
  uint32_t dib = le32(b + 14);
  int bpp = 0;
  if (dib == 12) {  // BITMAPCOREHEADER: 16-bit sizes
    if (!src.readExact(0, b, 26)) return;
    h.width = clampDim(le16(b + 18));
    h.height = clampDim(le16(b + 20));
    bpp = static_cast<int>(le16(b + 24));
  } else if (dib >= 40) {
    if (!src.readExact(0, b, 30)) return;
    int32_t w = static_cast<int32_t>(le32(b + 18));
    int32_t hh = static_cast<int32_t>(le32(b + 22));  // negative: rows stored top-down
    h.width = w > 0 ? w : 0;
    h.height = hh == INT32_MIN ? 0 : (hh < 0 ? -hh : hh);
    bpp = static_cast<int>(le16(b + 28));
  } else {
    return;
  }
  h.bit_depth = 8;
  h.channels = bpp == 32 ? 4 : 3;  // palette and 16-bit BMPs decode to RGB
}

void parseWebp(ByteSource& src, ImageHeader& h) {
  uint8_t b[30];
  if (!src.readExact(0, b, sizeof b)) return;
  h.bit_depth = 8;
  if (std::memcmp(b + 12, "VP8 ", 4) == 0) {
    // Lossy: 3-byte frame tag, start code 9D 01 2A, 14-bit width and height.
    if (b[23] != 0x9D || b[24] != 0x01 || b[25] != 0x2A) return;
    h.width = le16(b + 26) & 0x3FFF;
    h.height = le16(b + 28) & 0x3FFF;
    h.channels = 3;
  } else if (std::memcmp(b + 12, "VP8L", 4) == 0) {
    // Lossless: signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha.
    if (b[20] != 0x2F) return;
    uint32_t v = le32(b + 21);
    h.width = static_cast<int>(v & 0x3FFF) + 1;
    h.height = static_cast<int>((v >> 14) & 0x3FFF) + 1;
    h.channels = (v >> 28) & 1 ? 4 : 3;
  } else if (std::memcmp(b + 12, "VP8X", 4) == 0) {
    // Extended: flags (alpha = 0x10), 3 reserved bytes, 24-bit canvas width-1 and height-1.
    h.width = static_cast<int>(le24(b + 24)) + 1;
    h.height = static_cast<int>(le24(b + 27)) + 1;
    h.channels = b[20] & 0x10 ? 4 : 3;
  }
}

void parseTiff(ByteSource& src, ImageHeader& h) {
  uint8_t b[8];
  if (!src.readExact(0, b, sizeof b)) return;
  const bool le = b[0] == 'I';
  auto u16 = [le](const uint8_t* p) { return le ? le16(p) : be16(p); };
  auto u32 = [le](const uint8_t* p) { return le ? le32(p) : be32(p); };
  uint64_t ifd = u32(b + 4);
  uint8_t cnt[2];
  if (!src.readExact(ifd, cnt, 2)) return;
  const uint32_t n = u16(cnt);
  h.channels = 1;  // TIFF defaults when the tags are absent
  h.bit_depth = 1;
  uint32_t bits_count = 0, bits_value = 0;
  for (uint32_t i = 0; i < n && i < 1024; ++i) {
    uint8_t e[12];  // tag, type, count, value-or-offset
    if (!src.readExact(ifd + 2 + 12ull * i, e, sizeof e)) return;
    const uint32_t tag = u16(e), type = u16(e + 2), count = u32(e + 4);
    // SHORT values sit in the first two bytes of the value field, LONG values use all four.
    const uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
    if (tag == 256) h.width = clampDim(value);
    if (tag == 257) h.height = clampDim(value);
    if (tag == 277) h.channels = static_cast<int>(value);
    if (tag == 258) {
      bits_count = count;
      bits_value = value;
      if (type == 3 && count > 2) {  // more than two SHORTs do not fit: the field is an offset
        uint8_t first[2];
        bits_value = src.readExact(u32(e + 8), first, 2) ? u16(first) : 0;
      }
    }
  }
  if (bits_count > 0) h.bit_depth = static_cast<int>(bits_value);
}

ImageHeader parse(ByteSource& src) {
  ImageHeader h;
  uint8_t magic[16] = {};
  size_t got = src.read(0, magic, sizeof magic);
  h.format = detectImageFormat(magic, got);
  switch (h.format) {
    case ImageFormat::Png: parsePng(src, h); break;
    case ImageFormat::Jpeg: parseJpeg(src, h); break;
    case ImageFormat::Bmp: parseBmp(src, h); break;
    case ImageFormat::Webp: parseWebp(src, h); break;
    case ImageFormat::Tiff: parseTiff(src, h); break;
    case ImageFormat::Unknown: break;
  }
  return h;
}

}  // namespace

ImageFormat detectImageFormat(const uint8_t* d, size_t n) {
  static const uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (n >= 8 && std::memcmp(d, kPng, 8) == 0) return ImageFormat::Png;
  if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return ImageFormat::Jpeg;
  if (n >= 2 && d[0] == 'B' && d[1] == 'M') return ImageFormat::Bmp;
  if (n >= 12 && std::memcmp(d, "RIFF", 4) == 0 && std::memcmp(d + 8, "WEBP", 4) == 0) return ImageFormat::Webp;
  if (n >= 4 && (std::memcmp(d, "II*\0", 4) == 0 || std::memcmp(d, "MM\0*", 4) == 0)) return ImageFormat::Tiff;
  return ImageFormat::Unknown;
}

ImageHeader parseImageHeader(const uint8_t* data, size_t size) {
  MemorySource src(data, size);
  return parse(src);
}

ImageHeader readImageHeader(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    const int err = errno;
    throw fileError(path, std::string("unreadable (") + (err == EACCES ? "permission denied" : std::strerror(err)) + ")");
  }
  return readImageHeader(f.get());
}

ImageHeader readImageHeader(std::FILE* file) {
  FileSource src(file);
  return parse(src);
}

std::string toString(ImageFormat format) {
  switch (format) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Webp: return "WebP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Unknown: break;
  }
  return "unknown";
}

}  // namespace gs

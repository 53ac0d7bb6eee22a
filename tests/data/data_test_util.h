#pragma once
// Helpers for the data tests: a temporary folder and small generated images.
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace gs::test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ganscope-data-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    // Restore permissions first so chmod 000 files can be removed.
    for (auto& e : std::filesystem::recursive_directory_iterator(path_, ec)) {
      std::filesystem::permissions(e.path(), std::filesystem::perms::owner_all, ec);
    }
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string file(const std::string& rel) const {
    auto p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    return p.string();
  }

 private:
  std::string path_;
};

inline void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline std::vector<uint8_t> readBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

inline std::vector<uint8_t> encode(const std::string& ext, const cv::Mat& m, const std::vector<int>& params = {}) {
  std::vector<uint8_t> out;
  cv::imencode(ext, m, out, params);
  return out;
}

inline void putBe32(std::vector<uint8_t>& v, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<uint8_t>(x >> s));
}

// A PNG chunk with a correct CRC.
inline void pngChunk(std::vector<uint8_t>& out, const char* type, const std::vector<uint8_t>& data) {
  putBe32(out, static_cast<uint32_t>(data.size()));
  std::vector<uint8_t> body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  putBe32(out, static_cast<uint32_t>(crc32(0, body.data(), static_cast<uInt>(body.size()))));
}

// A PNG whose IHDR (valid signature, correct CRC) claims width x height RGBA pixels; the IDAT is junk.
inline std::vector<uint8_t> craftedPng(uint32_t width, uint32_t height) {
  std::vector<uint8_t> out = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  std::vector<uint8_t> ihdr;
  putBe32(ihdr, width);
  putBe32(ihdr, height);
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});
  pngChunk(out, "IHDR", ihdr);
  pngChunk(out, "IDAT", std::vector<uint8_t>(64, 0x55));
  pngChunk(out, "IEND", {});
  return out;
}

// An IDX3 file (MNIST format); `gz` writes it through gzip.
inline void writeIdx(const std::string& path, uint32_t n, uint32_t rows, uint32_t cols,
                     const std::vector<uint8_t>& pixels, bool gz) {
  std::vector<uint8_t> bytes;
  putBe32(bytes, 0x00000803);
  putBe32(bytes, n);
  putBe32(bytes, rows);
  putBe32(bytes, cols);
  bytes.insert(bytes.end(), pixels.begin(), pixels.end());
  if (!gz) return writeBytes(path, bytes);
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

// An IDX1 label file (magic 0x00000801, count, then one byte per label); `gz` writes it through gzip.
inline void writeIdxLabels(const std::string& path, const std::vector<uint8_t>& labels, bool gz) {
  std::vector<uint8_t> bytes;
  putBe32(bytes, 0x00000801);
  putBe32(bytes, static_cast<uint32_t>(labels.size()));
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  if (!gz) return writeBytes(path, bytes);
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

}  // namespace gs::test

#pragma once
// Test helpers: a temporary folder removed at the end of the test, and a folder of small generated PNGs.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "export/png_export.h"
#include "util/image.h"

namespace gs::test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ganscope-cli-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// `count` RGB images of size w x h: a coloured disc on a gradient, different in each image.
inline void writeTinyImages(const std::string& dir, int count, int w, int h) {
  std::filesystem::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    ImageU8 im;
    im.width = w;
    im.height = h;
    im.channels = 3;
    im.pixels.resize(static_cast<size_t>(w) * h * 3);
    const int cx = (i * 7) % w, cy = (i * 5) % h, r = 3 + i % 6;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        uint8_t* p = im.row(y) + x * 3;
        const bool in = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
        p[0] = in ? static_cast<uint8_t>(40 * (i % 6)) : static_cast<uint8_t>(4 * x);
        p[1] = in ? 220 : static_cast<uint8_t>(4 * y);
        p[2] = in ? static_cast<uint8_t>(255 - 30 * (i % 8)) : 90;
      }
    char name[32];
    std::snprintf(name, sizeof name, "/img_%03d.png", i);
    writePng(dir + name, im);
  }
}

}  // namespace gs::test

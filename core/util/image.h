#pragma once
// A plain 8-bit image that crosses the core/UI boundary without LibTorch or Qt types.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace gs {

struct ImageU8 {
  int width = 0;
  int height = 0;
  int channels = 0;             // 1 (gray), 3 (RGB) or 4 (RGBA); never BGR
  std::vector<uint8_t> pixels;  // row-major, interleaved: (y * width + x) * channels + c

  bool empty() const { return pixels.empty(); }
  uint8_t* row(int y) { return pixels.data() + static_cast<size_t>(y) * width * channels; }
  const uint8_t* row(int y) const { return pixels.data() + static_cast<size_t>(y) * width * channels; }
};

// Tiles equally sized images into a cols-wide grid with `padding` pixels of `pad_value` between them.
ImageU8 tileGrid(const std::vector<ImageU8>& images, int cols, int padding = 2, uint8_t pad_value = 0);

}  // namespace gs

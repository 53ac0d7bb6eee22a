#pragma once
// MNIST-format image and label files (idx3-ubyte: magic 0x00000803, count, rows, cols, then count*rows*cols bytes),
// raw or gzip-compressed (zlib reads both). Internal to core/data.
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct IdxImages {
  int64_t count = 0;
  int rows = 0;
  int cols = 0;
  std::vector<uint8_t> pixels;  // count * rows * cols, row-major gray
};

// True when the file starts like an IDX file or a gzip stream (checked before treating a path as IDX).
bool looksLikeIdx(const std::string& path);
// Reads at most max_images images (0: all). Throws GanscopeError naming the file: bad magic, absurd dimensions,
// "truncated: expected 47040016 bytes, got 1000", trailing data.
IdxImages readIdxImages(const std::string& path, int64_t max_images = 0);
// Class labels of an idx1-ubyte file (magic 0x00000801, count, then count bytes), raw or gzip. Throws like above.
std::vector<uint8_t> readIdxLabels(const std::string& path);

// A folder as Debian's dataset-fashion-mnist ships it (train-images-idx3-ubyte.gz beside t10k-* and the label
// files): the path of its training-images file, or "" when `dir` holds none.
std::string trainImagesIdxIn(const std::string& dir);

}  // namespace gs

#include "util/image.h"

#include <algorithm>
#include <cstring>

#include "util/error.h"

namespace gs {

ImageU8 tileGrid(const std::vector<ImageU8>& images, int cols, int padding, uint8_t pad_value) {
  if (images.empty()) return {};
  const ImageU8& first = images.front();
  for (const ImageU8& im : images)
    if (im.width != first.width || im.height != first.height || im.channels != first.channels)
      throw GanscopeError("tileGrid: images differ in size or channels");
  cols = std::max(1, std::min<int>(cols, static_cast<int>(images.size())));
  const int rows = (static_cast<int>(images.size()) + cols - 1) / cols;
  ImageU8 grid;
  grid.channels = first.channels;
  grid.width = cols * first.width + (cols + 1) * padding;
  grid.height = rows * first.height + (rows + 1) * padding;
  grid.pixels.assign(static_cast<size_t>(grid.width) * grid.height * grid.channels, pad_value);
  const size_t row_bytes = static_cast<size_t>(first.width) * first.channels;
  for (size_t i = 0; i < images.size(); ++i) {
    const int gx = padding + static_cast<int>(i % cols) * (first.width + padding);
    const int gy = padding + static_cast<int>(i / cols) * (first.height + padding);
    for (int y = 0; y < first.height; ++y)
      std::memcpy(grid.row(gy + y) + static_cast<size_t>(gx) * grid.channels, images[i].row(y), row_bytes);
  }
  return grid;
}

}  // namespace gs

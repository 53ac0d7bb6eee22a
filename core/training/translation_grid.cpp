#include "training/translation_grid.h"

#include <algorithm>

#include "util/error.h"

namespace gs {

ImageU8 withChannels(const ImageU8& in, int channels) {
  if (in.channels == channels) return in;
  ImageU8 out;
  out.width = in.width;
  out.height = in.height;
  out.channels = channels;
  const size_t n = static_cast<size_t>(in.width) * in.height;
  out.pixels.resize(n * channels);
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* p = in.pixels.data() + i * in.channels;
    uint8_t* q = out.pixels.data() + i * channels;
    const bool gray = in.channels == 1;
    for (int c = 0; c < std::min(channels, 3); ++c) q[c] = gray ? p[0] : p[std::min(c, in.channels - 1)];
    if (channels == 4) q[3] = in.channels == 4 ? p[3] : 255;
    if (channels == 1) q[0] = gray ? p[0] : static_cast<uint8_t>((p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000);
  }
  return out;
}

ImageU8 translationGrid(const std::vector<ImageU8>& inputs, const std::vector<ImageU8>& outputs,
                        const std::vector<ImageU8>& targets) {
  if (inputs.size() != outputs.size() || inputs.size() != targets.size() || inputs.empty())
    throw GanscopeError("translation grid: inputs, outputs and targets must be equally many (and some)");
  int channels = 1;
  for (const auto* list : {&inputs, &outputs, &targets})
    for (const ImageU8& im : *list) channels = std::max(channels, im.channels == 4 ? 4 : im.channels);
  std::vector<ImageU8> cells;
  for (size_t i = 0; i < inputs.size(); ++i)
    for (const ImageU8* im : {&inputs[i], &outputs[i], &targets[i]}) cells.push_back(withChannels(*im, channels));
  return tileGrid(cells, /*cols=*/3, /*padding=*/2);
}

}  // namespace gs

#pragma once
// The sample grid of an image-to-image model: one row per pair, input | output | target, 2 px apart. A gray side
// is shown as RGB when the other has colour.
#include <vector>

#include "util/image.h"

namespace gs {

ImageU8 translationGrid(const std::vector<ImageU8>& inputs, const std::vector<ImageU8>& outputs,
                        const std::vector<ImageU8>& targets);
// The same image with `channels` channels (1 -> 3 repeats gray; 4 -> 3 drops alpha; 1/3 -> 4 adds opaque alpha).
ImageU8 withChannels(const ImageU8& image, int channels);

}  // namespace gs

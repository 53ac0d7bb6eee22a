#pragma once
// A picture to find in a generator (projection), prepared exactly as the training images were: decoded by the
// dataset's decoder, composited onto the training background or kept with alpha, cropped or padded to a square
// and resized to the model's resolution and channels.
#include <string>

#include "config.h"
#include "util/image.h"

namespace gs {

// Throws GanscopeError naming `path` and the problem (missing, not an image, damaged, too large).
ImageU8 loadTargetImage(const std::string& path, const DataConfig& data, int resolution, int channels);

}  // namespace gs

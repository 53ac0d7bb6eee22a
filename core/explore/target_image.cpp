#include "explore/target_image.h"

#include <filesystem>

#include "data/image_decode.h"
#include "util/error.h"

namespace gs {

ImageU8 loadTargetImage(const std::string& path, const DataConfig& data, int resolution, int channels) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw fileError(path, "no such image file");
  const DecodedImage decoded = decodeImageFile(path, data.max_pixels);
  if (decoded.image.empty()) throw fileError(path, decoded.skip_reason);
  if (channels != 1 && channels != 3 && channels != 4)
    throw GanscopeError("the generator makes images of " + std::to_string(channels) + " channels (1, 3 or 4 expected)");
  SlotFormat format;
  format.resolution = resolution;
  format.channels = channels;
  format.aspect = data.aspect;
  format.background = data.background;
  ImageU8 out;
  out.width = out.height = resolution;
  out.channels = channels;
  out.pixels.resize(size_t(resolution) * resolution * channels);
  writeSlot(decoded.image, format, out.pixels.data());
  return out;
}

}  // namespace gs

#pragma once
// One image file -> one cache slot: header checks, decoding (OpenCV, keeping alpha and 16-bit), conversion to
// 8-bit, alpha compositing, aspect handling and resizing. Internal to core/data.
#include <array>
#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

#include "config.h"

namespace gs {

struct DecodedImage {
  cv::Mat image;               // 8-bit; 1 (gray), 3 (BGR) or 4 (BGRA) channels; empty when skipped
  std::string skip_reason;     // why the file can't be used, when image is empty
  bool color = false;          // the file holds colour (not gray or gray+alpha)
  bool alpha = false;          // the file holds an alpha channel
  bool high_bit_depth = false; // more than 8 bits per sample in the file
};

// Reads `path`, refuses it from the header alone when it has more than max_pixels pixels, then decodes it.
// Never throws: every problem becomes skip_reason ("zero-byte file", "PNG damaged (decoder failed)", ...).
DecodedImage decodeImageFile(const std::string& path, int64_t max_pixels);

// Converts a decoded cv::Mat of any depth and 1-4 channels into the DecodedImage form (16-bit / 257, float * 255,
// gray+alpha -> BGRA). Returns an empty image with a reason for pixel types it can't handle.
DecodedImage normaliseDecoded(const cv::Mat& raw);

// How every slot of the cache is laid out.
struct SlotFormat {
  int resolution = 64;
  int channels = 3;  // 1, 3 or 4
  AspectPolicy aspect = AspectPolicy::CenterCrop;
  std::array<int, 3> background{255, 255, 255};  // RGB
};

// Writes `image` (8-bit gray, BGR or BGRA) into `out` (resolution^2 * channels bytes, RGB(A) order): alpha is
// composited onto the background unless the slot keeps 4 channels; non-square images are cropped, padded with
// the background (transparent when alpha is kept) or stretched; shrinking uses INTER_AREA, enlarging INTER_CUBIC.
void writeSlot(const cv::Mat& image, const SlotFormat& format, uint8_t* out);

}  // namespace gs

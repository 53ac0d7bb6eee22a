#pragma once
// Image size and pixel format read from the first bytes of a file, without decoding it. Used to refuse absurdly
// large images before a decoder allocates gigabytes, and to recognise images by content, not by extension.
#include <cstddef>
#include <cstdint>
#include <string>

namespace gs {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp, Webp, Tiff };

struct ImageHeader {
  ImageFormat format = ImageFormat::Unknown;
  int width = 0;      // 0 when the header was recognised but its size could not be read
  int height = 0;
  int bit_depth = 0;  // bits per sample (8, 16, ...); 0 when unknown
  int channels = 0;   // samples per pixel (1 gray, 2 gray+alpha, 3, 4); 0 when unknown
  bool valid() const { return format != ImageFormat::Unknown && width > 0 && height > 0; }
};

// Detects the format by magic bytes only.
ImageFormat detectImageFormat(const uint8_t* data, size_t size);
// Parses the header from a memory buffer (the first few KiB of the file are enough except for JPEG files
// with large metadata segments, which need more). format == Unknown when the magic is not recognised.
ImageHeader parseImageHeader(const uint8_t* data, size_t size);
// Reads at most the first `max_bytes` of `path` and parses them. Throws GanscopeError when the file can't be read.
ImageHeader readImageHeader(const std::string& path, size_t max_bytes = 256 * 1024);

// "PNG", "JPEG", ... for messages.
std::string toString(ImageFormat format);

}  // namespace gs

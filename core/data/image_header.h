#pragma once
// Image size and pixel format read from the first bytes of a file, without decoding it. Used to refuse absurdly
// large images before a decoder allocates gigabytes, and to recognise images by content, not by extension.
#include <cstddef>
#include <cstdint>
#include <cstdio>
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
// Parses the header from a memory buffer holding the file (or its beginning). format == Unknown when the magic
// is not recognised; valid() false when the magic is known but the size fields are missing or damaged.
ImageHeader parseImageHeader(const uint8_t* data, size_t size);
// Same, reading only the bytes it needs from `path` (seeking for JPEG segments and TIFF directories, so large
// files are never read whole). Throws GanscopeError ("path: unreadable (permission denied)") when it can't open.
ImageHeader readImageHeader(const std::string& path);
// Same from a file already open for reading (its position is changed).
ImageHeader readImageHeader(std::FILE* file);

// "PNG", "JPEG", ... for messages.
std::string toString(ImageFormat format);

}  // namespace gs

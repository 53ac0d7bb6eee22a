#pragma once
// Big-endian fields and PNG chunks, shared by the PNG writer/reader and the animated-PNG and MP4 writers.
#include <cstdint>
#include <string>

#include "export/png_export.h"

namespace gs {

inline void appendBE16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v & 0xff));
}
inline void appendBE32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}
inline void setBE32(std::string& s, size_t pos, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[pos + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
}
inline uint32_t readBE32(const std::string& s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + pos);
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

// One PNG chunk: length, type, data, CRC-32 over type and data.
std::string pngChunk(const std::string& type, const std::string& data);
// A tEXt chunk; throws GanscopeError for a keyword PNG does not allow (empty, over 79 bytes, or with a NUL).
std::string pngTextChunk(const std::string& key, const std::string& value);
// The tEXt chunks of `text`, then, when it labels the image AI-generated, the XMP iTXt chunk.
std::string pngMetadataChunks(const PngText& text);

}  // namespace gs

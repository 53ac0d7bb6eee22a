#pragma once
// CRC-32C (Castagnoli), and the masked form TFRecord files store (TensorFlow's crc32c::Mask).
#include <cstddef>
#include <cstdint>
#include <string>

namespace gs {

uint32_t crc32c(const void* data, size_t size);
inline uint32_t crc32c(const std::string& s) { return crc32c(s.data(), s.size()); }
inline uint32_t maskCrc(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

}  // namespace gs

#include "training/checkpoint_container.h"

#include <zlib.h>

#include <cstring>

#include "util/error.h"

namespace gs {
namespace {

const char kMagic[] = "GANSCOPE-CKPT\n";
constexpr size_t kMagicSize = sizeof(kMagic) - 1;

void putInt(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t getInt(const std::string& in, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in[pos + i])) << (8 * i);
  return v;
}

uint32_t crcOf(const std::string& bytes, size_t size) {
  // zlib's crc32 takes a uInt length: feed large buffers in pieces.
  uLong crc = crc32(0L, Z_NULL, 0);
  size_t done = 0;
  while (done < size) {
    const size_t piece = std::min<size_t>(size - done, 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + done), static_cast<uInt>(piece));
    done += piece;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

std::string encodeCheckpoint(const std::string& header_json, const std::string& blob) {
  std::string out;
  out.reserve(kMagicSize + 24 + header_json.size() + blob.size());
  out.append(kMagic, kMagicSize);
  putInt(out, kCheckpointFormatVersion, 4);
  putInt(out, header_json.size(), 8);
  out += header_json;
  putInt(out, blob.size(), 8);
  out += blob;
  putInt(out, crcOf(out, out.size()), 4);
  return out;
}

CheckpointParts decodeCheckpoint(const std::string& bytes, const std::string& label) {
  if (bytes.empty()) throw fileError(label, "empty file (zero bytes), not a GANscope checkpoint");
  if (bytes.size() < kMagicSize || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
    throw fileError(label, "not a GANscope checkpoint (unknown file header)");
  const char* truncated = "checkpoint is truncated or damaged (sizes do not match the file length)";
  size_t pos = kMagicSize;
  if (bytes.size() < pos + 4) throw fileError(label, truncated);
  CheckpointParts parts;
  parts.version = static_cast<uint32_t>(getInt(bytes, pos, 4));
  pos += 4;
  if (parts.version == 0 || parts.version > kCheckpointFormatVersion)
    throw fileError(label, "checkpoint format version " + std::to_string(parts.version) +
                               " was written by a newer GANscope (this build reads up to version " +
                               std::to_string(kCheckpointFormatVersion) + ")");
  // Sizes are checked against what remains before reading, so a corrupt size can't cause a huge allocation.
  auto takeSized = [&](std::string& out) {
    if (bytes.size() < pos + 8) throw fileError(label, truncated);
    const uint64_t n = getInt(bytes, pos, 8);
    pos += 8;
    if (n > bytes.size() - pos) throw fileError(label, truncated);
    out.assign(bytes, pos, n);
    pos += n;
  };
  takeSized(parts.header_json);
  takeSized(parts.blob);
  if (bytes.size() != pos + 4) throw fileError(label, truncated);
  if (getInt(bytes, pos, 4) != crcOf(bytes, pos))
    throw fileError(label, "checkpoint is damaged (CRC32 checksum mismatch)");
  return parts;
}

}  // namespace gs

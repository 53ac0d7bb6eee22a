#pragma once
// The byte layout of a GANscope checkpoint, independent of what is inside:
//   "GANSCOPE-CKPT\n" | u32 format version | u64 header size | header (JSON) | u64 blob size | blob | u32 CRC32
// All integers little-endian; the CRC (zlib) covers every byte before it. A file cut short, with a flipped byte,
// or from another program is rejected before anything is deserialised.
#include <cstdint>
#include <string>

namespace gs {

constexpr uint32_t kCheckpointFormatVersion = 1;

struct CheckpointParts {
  uint32_t version = 0;
  std::string header_json;
  std::string blob;  // a torch::serialize archive
};

std::string encodeCheckpoint(const std::string& header_json, const std::string& blob);

// Throws GanscopeError "label: ..." for an empty, foreign, newer-version, truncated or damaged file.
CheckpointParts decodeCheckpoint(const std::string& bytes, const std::string& label);

}  // namespace gs

// Fuzz target: the image header reader and the decoder path of the dataset loader (header checks, OpenCV
// decoding, depth/channel normalisation, slot writing). decodeImageFile must never throw.
#include <opencv2/core.hpp>

#include "reliability/bad_corpus.h"
#include "data/image_decode.h"
#include "data/image_header.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const gs::ImageHeader h = gs::parseImageHeader(data, size);
  const std::string path = gs::fuzz::asFile(data, size);
  const gs::ImageHeader from_file = gs::readImageHeader(path);
  if (from_file.format != h.format) throw std::logic_error("header from memory and from file disagree");
  const gs::DecodedImage d = gs::decodeImageFile(path, int64_t(1) << 22);
  if (d.image.empty()) {
    gs::fuzz::outcome(d.skip_reason);
    return 0;
  }
  for (int channels : {1, 3, 4}) {
    gs::SlotFormat f;
    f.resolution = 16;
    f.channels = channels;
    std::vector<uint8_t> out(size_t(16 * 16 * channels));
    gs::writeSlot(d.image, f, out.data());
  }
  gs::fuzz::outcome("ok " + std::to_string(d.image.channels()));
  return 0;
}

namespace gs::fuzz {

std::vector<std::string> seeds() {
  return {corpus::goodPng(24, 24, 3), corpus::goodPng(8, 6, 1), corpus::goodPng(6, 8, 4), corpus::png16Bit(),
          corpus::palettePng(), corpus::animatedPng(), corpus::hugeHeaderPng(30000, 30000), corpus::damagedPng(),
          corpus::cmykJpeg(), corpus::goodJpeg(), corpus::gif89a(), corpus::badBmpHeader(),
          corpus::imageAs(".bmp"), corpus::imageAs(".webp"), corpus::imageAs(".tiff"), corpus::imageAs(".tiff", 1),
          corpus::imageAs(".jpg", 1)};
}

}  // namespace gs::fuzz

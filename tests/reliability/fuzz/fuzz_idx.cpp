// Fuzz target: the IDX (MNIST) reader, raw and gzip, with at most 16 images read so inputs stay small.
#include "reliability/bad_corpus.h"
#include "data/idx_reader.h"
#include "fuzz_target.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = gs::fuzz::asFile(data, size);
  try {
    gs::looksLikeIdx(path);
    const gs::IdxImages images = gs::readIdxImages(path, 16);
    if (images.pixels.size() != size_t(images.count) * size_t(images.rows) * size_t(images.cols))
      throw std::logic_error("IDX pixel count does not match its dimensions");
    gs::fuzz::outcome("ok");
  } catch (const gs::GanscopeError& e) {
    gs::fuzz::outcome(std::string(e.what()).substr(path.size()));
  }
  return 0;
}

namespace gs::fuzz {

std::vector<std::string> seeds() {
  const std::string small = corpus::idx(0x00000803, 3, 4, 5, 60);
  return {small, corpus::gzip(small), corpus::idx(0x00000803, 2, 28, 28, 2 * 784),
          corpus::gzip(corpus::idx(0x00000803, 2, 28, 28, 2 * 784)), corpus::idx(0x00000801, 4, 0, 0, 4)};
}

}  // namespace gs::fuzz

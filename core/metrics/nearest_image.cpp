#include "metrics/nearest_image.h"

#include <algorithm>
#include <cmath>

#include "data/image_dataset.h"
#include "util/error.h"

namespace gs {

std::vector<NearestImage> nearestTrainingImages(const ImageDataset& data, const ImageU8& sample, int k) {
  if (sample.width != data.resolution() || sample.height != data.resolution() || sample.channels != data.channels())
    throw GanscopeError("nearest training image: the sample is " + std::to_string(sample.width) + "x" +
                        std::to_string(sample.height) + " with " + std::to_string(sample.channels) +
                        " channels but the dataset " + data.summary().source + " holds " +
                        std::to_string(data.resolution()) + " px images with " + std::to_string(data.channels()) +
                        " channels");
  const size_t bytes = data.imageBytes();
  const uint8_t* s = sample.pixels.data();
  std::vector<NearestImage> all(static_cast<size_t>(data.size()));
  for (int64_t i = 0; i < data.size(); ++i) {
    const uint8_t* img = data.image(i);
    uint64_t sum = 0;
    for (size_t b = 0; b < bytes; ++b) {
      const int diff = static_cast<int>(img[b]) - static_cast<int>(s[b]);
      sum += static_cast<uint64_t>(diff * diff);
    }
    all[static_cast<size_t>(i)] = {i, std::sqrt(static_cast<double>(sum) / static_cast<double>(bytes))};
  }
  const size_t keep = std::min(all.size(), static_cast<size_t>(std::max(k, 0)));
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(),
                    [](const NearestImage& a, const NearestImage& b) { return a.rms < b.rms; });
  all.resize(keep);
  return all;
}

}  // namespace gs

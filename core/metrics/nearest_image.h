#pragma once
// Nearest training images of a sample, by pixel distance over the dataset's uint8 cache: the memorisation check
// (a generator that copies its training data shows a near-zero distance). No LibTorch here.
#include <cstdint>
#include <vector>

#include "util/image.h"

namespace gs {

class ImageDataset;

struct NearestImage {
  int64_t index = -1;  // into the dataset
  double rms = 0;      // root mean square difference per value, in 0..255 units (0: identical)
};

// The k nearest images, nearest first. Throws GanscopeError when the sample's size or channels differ from the
// dataset's.
std::vector<NearestImage> nearestTrainingImages(const ImageDataset& data, const ImageU8& sample, int k = 1);

}  // namespace gs

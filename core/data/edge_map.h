#pragma once
// Edge maps for `--pairs edges` (edges2shoes-style pairs from any image folder) and for translating a photo
// with an edges model: dark lines on white, like the edges2shoes inputs, from OpenCV's Canny detector.
//
// Steps: the image is first laid out at twice the target resolution (the dataset's aspect and alpha handling),
// blurred with a 3x3 Gaussian (so pixel noise and JPEG blocks don't become edges), each of R, G and B run through
// Canny with hysteresis thresholds 50 and 150 (the usual 1:3 ratio, on the 0-255 scale) with the L2 gradient and
// the three edge maps combined (a gray conversion loses boundaries between colours of equal brightness: on
// Twitter's ladybug emoji only the outline survived, not the spots), then shrunk to the target resolution by area
// averaging (a one-pixel line becomes a soft gray line rather than aliased dots) and inverted.
#include <array>
#include <cstdint>

#include <opencv2/core.hpp>

#include "config.h"

namespace gs {

struct EdgeMapOptions {
  int resolution = 64;                            // output is resolution x resolution, 1 channel
  AspectPolicy aspect = AspectPolicy::CenterCrop; // how a non-square image is laid out
  std::array<int, 3> background{255, 255, 255};   // RGB under transparent pixels
  double low_threshold = 50;                      // Canny hysteresis thresholds on 0-255 gray
  double high_threshold = 150;
};

// `image`: 8-bit gray, BGR or BGRA (as decoded). Writes resolution^2 bytes to `out`: 255 = no edge, 0 = edge.
void writeEdgeMap(const cv::Mat& image, const EdgeMapOptions& options, uint8_t* out);

}  // namespace gs

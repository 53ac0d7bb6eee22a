#include "data/edge_map.h"

#include <opencv2/imgproc.hpp>

#include <vector>

#include "data/image_decode.h"

namespace gs {

void writeEdgeMap(const cv::Mat& image, const EdgeMapOptions& o, uint8_t* out) {
  // Laid out at twice the resolution, RGB with alpha composited, by the dataset's own slot writer.
  SlotFormat fmt;
  fmt.resolution = 2 * o.resolution;
  fmt.channels = 3;
  fmt.aspect = o.aspect;
  fmt.background = o.background;
  std::vector<uint8_t> rgb(static_cast<size_t>(fmt.resolution) * fmt.resolution * 3);
  writeSlot(image, fmt, rgb.data());
  const cv::Mat rgb_mat(fmt.resolution, fmt.resolution, CV_8UC3, rgb.data());

  // Each colour channel on its own, the edges combined: a boundary between colours of similar brightness (red
  // spots on a dark shell, green on red) vanishes in a gray conversion but not in the channel that differs.
  cv::Mat blurred, edges, small;
  cv::GaussianBlur(rgb_mat, blurred, cv::Size(3, 3), 0);
  std::vector<cv::Mat> planes;
  cv::split(blurred, planes);
  for (const cv::Mat& plane : planes) {
    cv::Mat e;
    cv::Canny(plane, e, o.low_threshold, o.high_threshold, /*apertureSize=*/3, /*L2gradient=*/true);
    edges = edges.empty() ? e : (edges | e);
  }
  cv::resize(edges, small, cv::Size(o.resolution, o.resolution), 0, 0, cv::INTER_AREA);
  cv::Mat result(o.resolution, o.resolution, CV_8UC1, out);
  cv::subtract(cv::Scalar(255), small, result);
}

}  // namespace gs

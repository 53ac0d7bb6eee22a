#pragma once
// The 2D lab's target distributions: equal-weight mixtures of isotropic Gaussians. The two benchmarks of the
// mode-collapse literature (Metz et al. 2016, Srivastava et al. 2017, Lin et al. 2018) and a user's drawing are
// all of this form, so one type knows how to sample each and which mode centres and sigma the measures use.
#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace gs {

struct Point2 {
  double x = 0;
  double y = 0;
};

struct PointMixture {
  std::string name;             // "ring", "grid", "drawing"
  std::vector<Point2> centres;  // mode centres, equally likely
  double sigma = 0.01;          // standard deviation of every mode, per coordinate

  // n samples [n, 2] (float): a centre picked uniformly, plus N(0, sigma^2) noise per coordinate.
  at::Tensor sample(int64_t n, at::Generator gen) const;
  // Centres as a [K, 2] float tensor.
  at::Tensor centreTensor() const;
  // Half-width of a square view centred on the origin that shows every mode with a margin.
  double viewExtent() const;
};

// 8 Gaussians on the unit circle, sigma 0.01 (the "ring" benchmark).
PointMixture ringMixture(int modes = 8, double radius = 1.0, double sigma = 0.01);
// 5 x 5 Gaussians at {-4, -2, 0, 2, 4}^2, sigma 0.05 (the "grid" benchmark).
PointMixture gridMixture(int side = 5, double spacing = 2.0, double sigma = 0.05);
// A drawing: each drawn point is a mode. Throws GanscopeError when there are no points or sigma <= 0.
PointMixture drawnMixture(std::vector<Point2> points, double sigma);

}  // namespace gs

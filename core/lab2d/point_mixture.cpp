#include "lab2d/point_mixture.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace gs {

at::Tensor PointMixture::sample(int64_t n, at::Generator gen) const {
  TORCH_CHECK(!centres.empty(), "PointMixture '", name, "' has no modes to sample from");
  const at::Tensor pick = at::randint(static_cast<int64_t>(centres.size()), {n}, gen, at::kLong);
  const at::Tensor noise = at::randn({n, 2}, gen, at::TensorOptions(at::kFloat)) * sigma;
  return centreTensor().index_select(0, pick) + noise;
}

at::Tensor PointMixture::centreTensor() const {
  at::Tensor t = at::empty({static_cast<int64_t>(centres.size()), 2}, at::kFloat);
  auto a = t.accessor<float, 2>();
  for (size_t i = 0; i < centres.size(); ++i) {
    a[i][0] = static_cast<float>(centres[i].x);
    a[i][1] = static_cast<float>(centres[i].y);
  }
  return t;
}

double PointMixture::viewExtent() const {
  double m = 0;
  for (const Point2& c : centres) m = std::max({m, std::abs(c.x), std::abs(c.y)});
  return std::max(1.0, 1.25 * m + 6 * sigma);
}

PointMixture ringMixture(int modes, double radius, double sigma) {
  PointMixture m;
  m.name = "ring";
  m.sigma = sigma;
  const double pi = std::acos(-1.0);
  for (int k = 0; k < modes; ++k) {
    const double a = 2 * pi * k / modes;
    m.centres.push_back({radius * std::cos(a), radius * std::sin(a)});
  }
  return m;
}

PointMixture gridMixture(int side, double spacing, double sigma) {
  PointMixture m;
  m.name = "grid";
  m.sigma = sigma;
  const double offset = spacing * (side - 1) / 2.0;
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j) m.centres.push_back({i * spacing - offset, j * spacing - offset});
  return m;
}

PointMixture drawnMixture(std::vector<Point2> points, double sigma) {
  if (points.empty()) throw GanscopeError("the drawing is empty: click or drag on the canvas to add points");
  if (!(sigma > 0)) throw GanscopeError("the drawing's spread (sigma) must be positive");
  PointMixture m;
  m.name = "drawing";
  m.sigma = sigma;
  m.centres = std::move(points);
  return m;
}

}  // namespace gs

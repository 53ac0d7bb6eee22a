#include "lab2d/field2d.h"

#include <cmath>

namespace gs {

at::Tensor fieldCellCentres(double extent, int cells) {
  TORCH_CHECK(cells >= 1 && extent > 0, "a field needs at least one cell and a positive extent");
  const double step = 2 * extent / cells;
  const at::Tensor axis = at::arange(cells, at::kDouble) * step + (-extent + step / 2);
  // Row-major with y outer: meshgrid "ij" over (y, x), then stack as (x, y).
  const auto yx = at::meshgrid({axis, axis}, "ij");
  return at::stack({yx[1].reshape(-1), yx[0].reshape(-1)}, 1).to(at::kFloat);
}

Field2d histogram2d(const at::Tensor& points, double extent, int cells) {
  TORCH_CHECK(points.dim() == 2 && points.size(1) == 2, "histogram2d: points must be [N, 2], got ", points.sizes());
  TORCH_CHECK(cells >= 1 && extent > 0, "a field needs at least one cell and a positive extent");
  Field2d f;
  f.extent = extent;
  f.cells = cells;
  f.values.assign(static_cast<size_t>(cells) * cells, 0.0f);
  const at::Tensor p = points.detach().to(at::kCPU, at::kDouble).contiguous();
  const auto a = p.accessor<double, 2>();
  const int64_t n = p.size(0);
  if (n == 0) return f;
  const double scale = cells / (2 * extent);
  const float weight = 1.0f / float(n);
  for (int64_t i = 0; i < n; ++i) {
    const double fx = std::floor((a[i][0] + extent) * scale);
    const double fy = std::floor((a[i][1] + extent) * scale);
    if (!(fx >= 0 && fx < cells && fy >= 0 && fy < cells)) continue;  // also drops NaN
    f.values[static_cast<size_t>(fy) * cells + static_cast<size_t>(fx)] += weight;
  }
  return f;
}

}  // namespace gs

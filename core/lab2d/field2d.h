#pragma once
// A scalar field sampled on a square grid of cells over [-extent, extent]^2: D's decision surface and G's
// density, in a form a UI can paint without knowing about tensors.
#include <ATen/ATen.h>

#include <vector>

namespace gs {

struct Field2d {
  double extent = 1.0;        // the grid covers [-extent, extent] on both axes
  int cells = 0;              // cells per side
  std::vector<float> values;  // cells * cells, row-major, row 0 at y = -extent (the bottom)

  float at(int ix, int iy) const { return values[static_cast<size_t>(iy) * cells + ix]; }
  double cellSize() const { return 2 * extent / cells; }
};

// Centres of the grid's cells as points [cells * cells, 2], in the order of Field2d::values.
at::Tensor fieldCellCentres(double extent, int cells);

// G's density: the share of `points` [N, 2] in each cell (points outside the square are not counted).
Field2d histogram2d(const at::Tensor& points, double extent, int cells);

}  // namespace gs

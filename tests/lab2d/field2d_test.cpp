// Grids for D's decision surface and G's density.
#include <gtest/gtest.h>

#include <numeric>

#include "lab2d/field2d.h"

using namespace gs;

TEST(Field2d, CellCentresAreRowMajorFromTheBottomLeft) {
  const at::Tensor c = fieldCellCentres(/*extent=*/2.0, /*cells=*/4);  // cells 1 wide, centres at -1.5 .. 1.5
  ASSERT_EQ(c.sizes(), (at::IntArrayRef{16, 2}));
  EXPECT_FLOAT_EQ(c[0][0].item<float>(), -1.5f);
  EXPECT_FLOAT_EQ(c[0][1].item<float>(), -1.5f);
  EXPECT_FLOAT_EQ(c[1][0].item<float>(), -0.5f);  // x runs fastest
  EXPECT_FLOAT_EQ(c[1][1].item<float>(), -1.5f);
  EXPECT_FLOAT_EQ(c[4][1].item<float>(), -0.5f);  // next row up
  EXPECT_FLOAT_EQ(c[15][0].item<float>(), 1.5f);
  EXPECT_FLOAT_EQ(c[15][1].item<float>(), 1.5f);
}

TEST(Field2d, HistogramCountsSharesPerCellAndDropsOutsiders) {
  const at::Tensor p = at::tensor({-1.9, -1.9,   // cell (0, 0)
                                   -1.1, -1.2,   // cell (0, 0)
                                   0.5, 1.5,     // cell (2, 3)
                                   2.5, 0.0},    // outside
                                  at::kDouble)
                           .reshape({4, 2});
  const Field2d f = histogram2d(p, 2.0, 4);
  EXPECT_EQ(f.cells, 4);
  EXPECT_DOUBLE_EQ(f.cellSize(), 1.0);
  EXPECT_FLOAT_EQ(f.at(0, 0), 0.5f);
  EXPECT_FLOAT_EQ(f.at(2, 3), 0.25f);
  EXPECT_FLOAT_EQ(std::accumulate(f.values.begin(), f.values.end(), 0.0f), 0.75f);
}

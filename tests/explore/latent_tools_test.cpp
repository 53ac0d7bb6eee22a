#include <gtest/gtest.h>

#include <cmath>

#include "explore/latent_seed.h"
#include "util/image.h"

namespace gs {
namespace {

TEST(LatentSeed, SameSeedSameLatentAndStandardNormal) {
  EXPECT_EQ(latentFromSeed(7, 100), latentFromSeed(7, 100));
  EXPECT_NE(latentFromSeed(7, 100), latentFromSeed(8, 100));
  // Prefix property: a shorter latent is the start of a longer one (odd sizes too).
  const auto a = latentFromSeed(3, 101), b = latentFromSeed(3, 7);
  for (size_t i = 0; i < b.size(); ++i) EXPECT_EQ(a[i], b[i]);
  const auto z = latentFromSeed(11, 20000);
  double mean = 0, var = 0;
  for (float v : z) mean += v;
  mean /= z.size();
  for (float v : z) var += (v - mean) * (v - mean);
  var /= z.size();
  EXPECT_NEAR(mean, 0.0, 0.03);
  EXPECT_NEAR(var, 1.0, 0.05);
  for (float v : z) ASSERT_TRUE(std::isfinite(v));
}

TEST(LatentSeed, GridSeedsDifferPerCellAndRun) {
  EXPECT_NE(fixedGridSeed(1, 0), fixedGridSeed(1, 1));
  EXPECT_NE(fixedGridSeed(1, 0), fixedGridSeed(2, 0));
  EXPECT_EQ(fixedGridSeed(5, 3), fixedGridSeed(5, 3));
}

TEST(TileGrid, PlacesImagesWithPadding) {
  std::vector<ImageU8> ims;
  for (int i = 0; i < 5; ++i) ims.push_back({2, 3, 1, std::vector<uint8_t>(6, static_cast<uint8_t>(10 * (i + 1)))});
  const ImageU8 g = tileGrid(ims, 3, 1, 255);
  EXPECT_EQ(g.width, 3 * 2 + 4);
  EXPECT_EQ(g.height, 2 * 3 + 3);
  EXPECT_EQ(g.row(0)[0], 255);           // padding
  EXPECT_EQ(g.row(1)[1], 10);            // first image
  EXPECT_EQ(g.row(1)[1 + 3], 20);        // second image, one pixel of padding after the first
  EXPECT_EQ(g.row(1 + 3 + 1)[1], 40);    // fourth image starts the second row
  EXPECT_EQ(g.row(1 + 3 + 1)[1 + 6], 255);  // no sixth image: padding colour
}

}  // namespace
}  // namespace gs

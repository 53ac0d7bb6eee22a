// The lab's distributions: the benchmarks' centres and sigmas, and the statistics of their samples.
#include <gtest/gtest.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "lab2d/mode_measures.h"
#include "lab2d/point_mixture.h"
#include "util/error.h"

using namespace gs;

namespace {

at::Generator seeded(uint64_t seed) { return at::detail::createCPUGenerator(seed); }

// Per-sample offset from the nearest centre [N, 2].
at::Tensor residuals(const at::Tensor& samples, const PointMixture& m) {
  const at::Tensor nearest = std::get<1>(at::cdist(samples, m.centreTensor()).min(1));
  return samples - m.centreTensor().index_select(0, nearest);
}

}  // namespace

TEST(PointMixture, RingHasEightUnitModes) {
  const PointMixture ring = ringMixture();
  ASSERT_EQ(ring.centres.size(), 8u);
  EXPECT_DOUBLE_EQ(ring.sigma, 0.01);
  for (const Point2& c : ring.centres) EXPECT_NEAR(std::hypot(c.x, c.y), 1.0, 1e-12);
  EXPECT_NEAR(ring.centres[2].x, 0.0, 1e-12);
  EXPECT_NEAR(ring.centres[2].y, 1.0, 1e-12);
}

TEST(PointMixture, GridHasTwentyFiveModesAtEvenCoordinates) {
  const PointMixture grid = gridMixture();
  ASSERT_EQ(grid.centres.size(), 25u);
  EXPECT_DOUBLE_EQ(grid.sigma, 0.05);
  for (const Point2& c : grid.centres) {
    for (double v : {c.x, c.y}) {
      EXPECT_NEAR(std::fmod(v + 4.0, 2.0), 0.0, 1e-12);
      EXPECT_LE(std::abs(v), 4.0);
    }
  }
  EXPECT_GT(grid.viewExtent(), 4.0);
}

TEST(PointMixture, RingSamplesFillModesEvenlyWithTheRightSpread) {
  const PointMixture ring = ringMixture();
  const at::Tensor s = ring.sample(40000, seeded(3));
  ASSERT_EQ(s.sizes(), (at::IntArrayRef{40000, 2}));
  const ModeCoverage c = measureModes(s, ring);
  EXPECT_EQ(c.modes_captured, 8);
  for (int64_t n : c.nearest_counts) EXPECT_NEAR(double(n), 5000.0, 250.0);  // about 3.5 standard deviations
  // Per-axis spread about the centre is sigma; within 3 sigma in 2D: 1 - exp(-9/2) = 98.89%.
  const at::Tensor r = residuals(s, ring);
  EXPECT_NEAR(r.std().item<double>(), 0.01, 0.0003);
  EXPECT_NEAR(r.mean().item<double>(), 0.0, 0.0002);
  EXPECT_NEAR(c.highQualityShare(), 1.0 - std::exp(-4.5), 0.002);
}

TEST(PointMixture, GridSamplesMatchItsMoments) {
  const PointMixture grid = gridMixture();
  const at::Tensor s = grid.sample(40000, seeded(4));
  const ModeCoverage c = measureModes(s, grid);
  EXPECT_EQ(c.modes_captured, 25);
  EXPECT_NEAR(c.highQualityShare(), 1.0 - std::exp(-4.5), 0.002);
  EXPECT_NEAR(residuals(s, grid).std().item<double>(), 0.05, 0.0015);
  // Each axis: uniform over {-4, -2, 0, 2, 4} (variance 8) plus the noise.
  EXPECT_NEAR(s.mean(0).abs().max().item<double>(), 0.0, 0.05);
  EXPECT_NEAR(s.var(0).mean().item<double>(), 8.0 + 0.0025, 0.2);
}

TEST(PointMixture, SamplingIsDeterministicPerGenerator) {
  const PointMixture ring = ringMixture();
  EXPECT_TRUE(at::equal(ring.sample(100, seeded(9)), ring.sample(100, seeded(9))));
  EXPECT_FALSE(at::equal(ring.sample(100, seeded(9)), ring.sample(100, seeded(10))));
}

TEST(PointMixture, DrawingSamplesAroundItsPoints) {
  const PointMixture drawing = drawnMixture({{0.5, 0.5}, {-1.0, 0.25}}, 0.02);
  EXPECT_EQ(drawing.name, "drawing");
  const at::Tensor s = drawing.sample(5000, seeded(1));
  const ModeCoverage c = measureModes(s, drawing);
  EXPECT_EQ(c.modes_captured, 2);
  EXPECT_NEAR(double(c.nearest_counts[0]) / 5000.0, 0.5, 0.03);
  EXPECT_LT(residuals(s, drawing).abs().max().item<double>(), 0.02 * 6);
  EXPECT_THROW(drawnMixture({}, 0.02), GanscopeError);
  EXPECT_THROW(drawnMixture({{0, 0}}, 0.0), GanscopeError);
}

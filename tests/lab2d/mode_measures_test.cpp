// The PacGAN/VEEGAN measures on hand-made point sets, with counts known exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lab2d/mode_measures.h"

using namespace gs;

namespace {

at::Tensor points(const std::vector<Point2>& ps) {
  at::Tensor t = at::empty({static_cast<int64_t>(ps.size()), 2}, at::kDouble);
  for (size_t i = 0; i < ps.size(); ++i) {
    t[i][0] = ps[i].x;
    t[i][1] = ps[i].y;
  }
  return t;
}

}  // namespace

TEST(ModeMeasures, CountsHighQualityWithinThreeSigmaOfNearestMode) {
  const PointMixture ring = ringMixture();  // sigma 0.01: high quality within 0.03
  const ModeCoverage c = measureModes(points({{1.0, 0.0},      // mode 0, on the centre
                                              {1.0299, 0.0},   // mode 0, 2.99 sigma out
                                              {1.0301, 0.0},   // mode 0, 3.01 sigma out: low quality
                                              {0.0, 1.02},     // mode 2, 2 sigma
                                              {0.0, 0.5},      // nearest mode 2, far off
                                              {-0.7071, -0.7071}}),  // mode 5, on the centre
                                      ring);
  EXPECT_EQ(c.modes_total, 8);
  EXPECT_EQ(c.samples, 6);
  EXPECT_EQ(c.high_quality_samples, 4);
  EXPECT_EQ(c.modes_captured, 3);  // modes 0, 2 and 5
  EXPECT_DOUBLE_EQ(c.highQualityShare(), 4.0 / 6.0);
  EXPECT_EQ(c.nearest_counts, (std::vector<int64_t>{3, 0, 2, 0, 0, 1, 0, 0}));
  EXPECT_EQ(c.high_quality_counts, (std::vector<int64_t>{2, 0, 1, 0, 0, 1, 0, 0}));
}

TEST(ModeMeasures, ModeWithOnlyLowQualitySamplesIsNotCaptured) {
  const PointMixture grid = gridMixture();  // sigma 0.05: high quality within 0.15
  const ModeCoverage c = measureModes(points({{0.2, 0.0}, {0.0, -0.16}, {4.0, 4.1}}), grid);
  EXPECT_EQ(c.modes_total, 25);
  EXPECT_EQ(c.modes_captured, 1);
  EXPECT_EQ(c.high_quality_samples, 1);
}

TEST(ModeMeasures, QualityRadiusIsInSigmas) {
  const PointMixture grid = gridMixture();
  const at::Tensor p = points({{0.12, 0.0}, {0.0, 0.08}});
  EXPECT_EQ(measureModes(p, grid, 3.0).high_quality_samples, 2);
  EXPECT_EQ(measureModes(p, grid, 2.0).high_quality_samples, 1);
  EXPECT_EQ(measureModes(p, grid, 1.0).high_quality_samples, 0);
}

TEST(ModeMeasures, EveryGridCentreCapturesEveryMode) {
  const PointMixture grid = gridMixture();
  const ModeCoverage c = measureModes(grid.centreTensor(), grid);
  EXPECT_EQ(c.modes_captured, 25);
  EXPECT_DOUBLE_EQ(c.highQualityShare(), 1.0);
  EXPECT_DOUBLE_EQ(modeExcess(c), 0.0);
}

TEST(ModeMeasures, ModeExcessOfAPileOnOneMode) {
  const PointMixture grid = gridMixture();
  const ModeCoverage c = measureModes(at::zeros({40, 2}), grid);
  EXPECT_EQ(c.modes_captured, 1);
  EXPECT_NEAR(modeExcess(c), 1.0 - 1.0 / 25, 1e-12);
  // Half the samples on mode 0 of the ring, half spread evenly over all 8 modes: excess 1/2 - 1/16.
  const PointMixture ring = ringMixture();
  at::Tensor p = at::cat({ring.centreTensor().index_select(0, at::zeros({8}, at::kLong)), ring.centreTensor()});
  EXPECT_NEAR(modeExcess(measureModes(p, ring)), 0.5 + 1.0 / 16 - 1.0 / 8, 1e-12);
}

TEST(ModeMeasures, NoSamplesCaptureNothing) {
  const ModeCoverage c = measureModes(at::zeros({0, 2}), ringMixture());
  EXPECT_EQ(c.modes_captured, 0);
  EXPECT_EQ(c.highQualityShare(), 0.0);
  EXPECT_EQ(modeExcess(c), 0.0);
}

TEST(ModeMeasures, MeanPairwiseDistanceOfATriangle) {
  EXPECT_NEAR(meanPairwiseDistance(points({{0, 0}, {3, 0}, {0, 4}})), 4.0, 1e-12);  // sides 3, 4, 5
  EXPECT_NEAR(meanPairwiseDistance(points({{1, 1}, {1, 1}})), 0.0, 1e-12);
  EXPECT_THROW(meanPairwiseDistance(points({{1, 1}})), c10::Error);
}

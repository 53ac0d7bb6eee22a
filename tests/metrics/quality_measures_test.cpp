// Quality measures on sets with known answers: Frechet distance (identical sets, closed form for Gaussians),
// KID (identical distributions, a hand-computed case), precision/recall (identical, disjoint and nested sets),
// the sliced Wasserstein distance and the Laplacian pyramid, and the IDX label reader.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "data/idx_reader.h"
#include "metrics/feature_classifier.h"
#include "metrics/feature_distance.h"
#include "metrics/sliced_wasserstein.h"
#include "util/error.h"

namespace gs {
namespace {

at::Tensor gaussian(int64_t n, const std::vector<double>& mean, const std::vector<double>& sd, uint64_t seed) {
  at::manual_seed(seed);
  const at::Tensor m = at::tensor(mean, at::kDouble), s = at::tensor(sd, at::kDouble);
  return at::randn({n, static_cast<int64_t>(mean.size())}, at::kDouble) * s + m;
}

TEST(Frechet, IdenticalSetsGiveZero) {
  const at::Tensor x = gaussian(500, {0, 1, 2, 3}, {1, 2, 0.5, 1}, 1);
  EXPECT_NEAR(frechetDistance(x, x), 0.0, 1e-6);
}

TEST(Frechet, StatisticsMatchTheClosedFormExactly) {
  // Diagonal covariances: ||mu1 - mu2||^2 + sum (s1 + s2 - 2 sqrt(s1 s2)).
  FeatureStats a{at::tensor({0.0, 1.0, 2.0}, at::kDouble), at::diag(at::tensor({1.0, 4.0, 9.0}, at::kDouble))};
  FeatureStats b{at::tensor({1.0, 1.0, 0.0}, at::kDouble), at::diag(at::tensor({4.0, 1.0, 1.0}, at::kDouble))};
  const double expected = (1 + 0 + 4) + (1 + 4 - 2 * 2) + (4 + 1 - 2 * 2) + (9 + 1 - 2 * 3);
  EXPECT_NEAR(frechetDistance(a, b), expected, 1e-9);
  // A full covariance against itself, moved: only the mean term is left.
  const at::Tensor q = at::tensor({2.0, 0.5, 0.0, 0.5, 1.0, 0.3, 0.0, 0.3, 1.5}, at::kDouble).view({3, 3});
  FeatureStats c{at::zeros({3}, at::kDouble), q};
  FeatureStats d{at::tensor({3.0, 0.0, 4.0}, at::kDouble), q};
  EXPECT_NEAR(frechetDistance(c, d), 25.0, 1e-9);
}

TEST(Frechet, SampledGaussiansApproachTheClosedForm) {
  const at::Tensor a = gaussian(40000, {0, 0}, {1, 2}, 2), b = gaussian(40000, {1, -1}, {2, 1}, 3);
  const double expected = 2.0 + (1 + 4 - 2 * 2) + (4 + 1 - 2 * 2);
  EXPECT_NEAR(frechetDistance(a, b), expected, 0.1);
}

TEST(Frechet, BadInputIsAnError) {
  EXPECT_THROW(frechetDistance(at::zeros({1, 3}), at::zeros({5, 3})), GanscopeError);
  EXPECT_THROW(frechetDistance(at::randn({5, 3}), at::randn({5, 4})), GanscopeError);
}

TEST(KernelDistance, MatchesAHandComputedCase) {
  // Two 1-D sets of two points each, whole sets: k(x, y) = (x y + 1)^3.
  const at::Tensor a = at::tensor({0.0, 1.0}, at::kDouble).view({2, 1});
  const at::Tensor b = at::tensor({1.0, 2.0}, at::kDouble).view({2, 1});
  auto k = [](double x, double y) { return std::pow(x * y + 1, 3); };
  const double xx = 2 * k(0, 1) / 2, yy = 2 * k(1, 2) / 2;
  const double xy = (k(0, 1) + k(0, 2) + k(1, 1) + k(1, 2)) / 4;
  EXPECT_NEAR(kernelDistance(a, b), xx + yy - 2 * xy, 1e-9);
}

TEST(KernelDistance, SameDistributionIsNearZeroAndShiftsAreNot) {
  const at::Tensor a = gaussian(2000, {0, 0, 0}, {1, 1, 1}, 4), b = gaussian(2000, {0, 0, 0}, {1, 1, 1}, 5);
  const at::Tensor c = gaussian(2000, {1, 0, 0}, {1, 1, 1}, 6);
  const double same = kernelDistance(a, b, 10, 500, 1), moved = kernelDistance(a, c, 10, 500, 1);
  EXPECT_LT(std::abs(same), 0.02);
  EXPECT_GT(moved, 10 * std::abs(same));
}

TEST(PrecisionRecall, IdenticalDisjointAndNestedSets) {
  const at::Tensor a = gaussian(400, {0, 0}, {1, 1}, 7);
  const PrecisionRecall same = precisionRecall(a, a);
  EXPECT_DOUBLE_EQ(same.precision, 1.0);
  EXPECT_DOUBLE_EQ(same.recall, 1.0);
  const PrecisionRecall far = precisionRecall(a, a + 100.0);
  EXPECT_DOUBLE_EQ(far.precision, 0.0);
  EXPECT_DOUBLE_EQ(far.recall, 0.0);
  // Fakes collapsed onto the real set's centre: precise, but they cover little of it.
  const at::Tensor collapsed = gaussian(400, {0, 0}, {0.05, 0.05}, 8);
  const PrecisionRecall c = precisionRecall(a, collapsed);
  EXPECT_GT(c.precision, 0.95);
  EXPECT_LT(c.recall, 0.1);
}

TEST(SlicedWasserstein, OneDimensionalShiftIsTheShift) {
  const at::Tensor a = at::randn({300, 1});
  EXPECT_NEAR(slicedWasserstein(a, a + 3.0, 2, 8, 1), 3.0, 1e-5);
  EXPECT_NEAR(slicedWasserstein(a, a, 2, 8, 1), 0.0, 1e-9);
}

TEST(SlicedWasserstein, PyramidSumsBackToTheImage) {
  at::manual_seed(9);
  const at::Tensor x = at::rand({2, 1, 32, 32});
  const std::vector<at::Tensor> p = laplacianPyramid(x, 3);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[1].size(2), 16);
  EXPECT_EQ(p[2].size(2), 8);
  // A constant image has no band-pass content.
  const std::vector<at::Tensor> flat = laplacianPyramid(at::full({1, 1, 32, 32}, 0.5), 2);
  EXPECT_LT(flat[0].abs().max().item<double>(), 1e-6);
  EXPECT_NEAR(flat[1].mean().item<double>(), 0.5, 1e-6);
}

TEST(SlicedWasserstein, IdenticalSetsGiveZeroAndNoiseRaisesIt) {
  at::manual_seed(10);
  const at::Tensor real = at::rand({64, 1, 32, 32}).mul(0.2).add(at::linspace(0, 1, 32).view({1, 1, 1, 32}));
  const SwdResult same = slicedWassersteinDistance(real, real);
  ASSERT_EQ(same.resolutions, (std::vector<int>{32, 16}));
  EXPECT_NEAR(same.mean, 0.0, 1e-9);
  const double little = slicedWassersteinDistance(real, real + 0.05 * at::randn(real.sizes())).mean;
  const double lots = slicedWassersteinDistance(real, real + 0.5 * at::randn(real.sizes())).mean;
  EXPECT_GT(little, 0.0);
  EXPECT_GT(lots, 2 * little);
}

TEST(FeatureClassifier, LearnsTwoSeparableClassesAndRoundTrips) {
  at::manual_seed(11);
  // Class 0: bright left half; class 1: bright right half; plus noise.
  at::Tensor images = at::randn({256, 1, 28, 28}) * 0.3 - 0.5;
  at::Tensor labels = at::arange(256) % 2;
  images.slice(0, 0, 256, 2).slice(3, 0, 14) += 1.0;
  images.slice(0, 1, 256, 2).slice(3, 14, 28) += 1.0;
  FeatureClassifier c(1, 2, 1);
  c.train(images, labels, 3, 1);
  EXPECT_GT(c.accuracy(images, labels), 0.95);
  EXPECT_EQ(c.features(images).size(1), FeatureClassifier::kFeatures);
  const std::string path = ::testing::TempDir() + "/classifier_test.pt";
  c.save(path);
  FeatureClassifier d(1, 2, 99);
  ASSERT_TRUE(d.load(path));
  EXPECT_TRUE(at::allclose(c.features(images), d.features(images)));
  FeatureClassifier other(3, 2, 1);
  EXPECT_THROW(other.load(path), GanscopeError);
  EXPECT_FALSE(other.load(path + ".missing"));
  std::remove(path.c_str());
}

TEST(IdxLabels, ReadsLabelsAndRejectsImages) {
  const std::string path = ::testing::TempDir() + "/labels.idx";
  {
    std::ofstream f(path, std::ios::binary);
    const unsigned char head[8] = {0, 0, 8, 1, 0, 0, 0, 3};
    const unsigned char body[3] = {7, 0, 9};
    f.write(reinterpret_cast<const char*>(head), 8);
    f.write(reinterpret_cast<const char*>(body), 3);
  }
  EXPECT_EQ(readIdxLabels(path), (std::vector<uint8_t>{7, 0, 9}));
  std::ofstream(path, std::ios::binary).write("\0\0\x08\x03\0\0\0\x01", 8);
  EXPECT_THROW(readIdxLabels(path), GanscopeError);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace gs

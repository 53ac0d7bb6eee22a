// Diversity ratios, near-duplicate groups, the birthday estimate, D output histograms and the nearest training
// image, on generated datasets with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/birthday.h"
#include "metrics/diversity.h"
#include "metrics/health_probe.h"
#include "metrics/near_duplicates.h"
#include "metrics/nearest_image.h"
#include "metrics/output_histogram.h"
#include "metrics_fixture.h"
#include "models/networks.h"
#include "util/error.h"
#include "util/tensor_image.h"

namespace gs {
namespace {

std::shared_ptr<DiscriminatorNet> tinyDiscriminator() {
  ModelConfig m;
  m.channels = 3;
  m.resolution = 32;
  m.d_width = 8;
  m.g_width = 8;
  at::manual_seed(3);
  return makeDiscriminator(m);
}

TEST(Diversity, SamplesOfTheRealSetMatchRealDiversity) {
  const auto data = randomDataset(300);
  const at::Tensor real = realSample(*data, 64, 1), other = realSample(*data, 64, 2);
  EXPECT_NEAR(diversityRatio(other, real).ratio, 1.0, 0.05);
  const auto d = tinyDiscriminator();
  const DiversityRatio f = diversityRatio(discriminatorFeatures(*d, other), discriminatorFeatures(*d, real));
  EXPECT_NEAR(f.ratio, 1.0, 0.1);
  EXPECT_TRUE(d->is_training());  // measuring puts D's mode back
}

TEST(Diversity, OneRepeatedImageHasAlmostNone) {
  const auto data = randomDataset(100);
  const at::Tensor real = realSample(*data, 64, 1);
  const at::Tensor repeated = real.slice(0, 0, 1).expand({64, -1, -1, -1}) + 0.01 * at::randn(real.sizes());
  EXPECT_LT(diversityRatio(repeated, real).ratio, 0.05);
  const auto d = tinyDiscriminator();
  EXPECT_LT(diversityRatio(discriminatorFeatures(*d, repeated), discriminatorFeatures(*d, real)).ratio, 0.1);
}

TEST(Diversity, PairwiseDistancesAreRmsDifferences) {
  const at::Tensor x = at::stack({at::zeros({2, 2}), at::ones({2, 2}), at::full({2, 2}, 3.0)});
  const at::Tensor d = pairwiseDistances(x);
  EXPECT_NEAR(d[0][1].item<double>(), 1.0, 1e-9);
  EXPECT_NEAR(d[0][2].item<double>(), 3.0, 1e-9);
  EXPECT_NEAR(d[1][1].item<double>(), 0.0, 1e-9);
  EXPECT_NEAR(meanDistance(d), (1.0 + 3.0 + 2.0) / 3, 1e-9);
}

TEST(NearDuplicates, PlantedCopiesAreGroupedExactly) {
  const auto data = randomDataset(200);
  const at::Tensor real = realSample(*data, 64, 1);
  // A 16-cell grid of different real images with copies planted: cells 3, 7, 12 show image 20, cells 5, 9 image 30.
  at::Tensor grid = real.slice(0, 0, 16).clone();
  for (int cell : {3, 7, 12}) grid[cell] = real[20] + 0.005 * at::randn(real[20].sizes());
  for (int cell : {5, 9}) grid[cell] = real[30] + 0.005 * at::randn(real[30].sizes());
  const double threshold = duplicateThreshold(pairwiseDistances(real));
  ASSERT_GT(threshold, 0.1);
  const auto groups = nearDuplicateGroups(pairwiseDistances(grid), threshold);
  EXPECT_EQ(groups, (std::vector<std::vector<int>>{{3, 7, 12}, {5, 9}}));
  EXPECT_DOUBLE_EQ(duplicateFraction(groups, 16), 5.0 / 16);
  // Copies inside the real batch don't switch the test off.
  at::Tensor with_copy = real.clone();
  with_copy[1] = with_copy[0];
  EXPECT_DOUBLE_EQ(duplicateThreshold(pairwiseDistances(with_copy)), threshold);
  EXPECT_TRUE(nearDuplicateGroups(pairwiseDistances(real), threshold).empty());
}

TEST(Birthday, SupportOfAUniformDiscreteDistributionWithinFactorTwo) {
  for (int64_t support : {100, 400}) {
    const auto data = randomDataset(support, 32, 1, 5);
    const at::Tensor all = realSample(*data, support, 1);
    const double threshold = duplicateThreshold(pairwiseDistances(all));
    at::Generator gen = at::detail::createCPUGenerator(9);
    auto draw = [&](int64_t n, int) { return all.index_select(0, at::randint(support, {n}, gen, at::kLong)); };
    const BirthdayEstimate e = birthdayEstimate(draw, threshold, /*max_batch=*/64, /*trials=*/41);
    EXPECT_FALSE(e.lower_bound);
    EXPECT_GT(e.support, support / 2.0) << support;
    EXPECT_LT(e.support, support * 2.0) << support;
  }
}

TEST(Birthday, NoDuplicatesGivesALowerBound) {
  at::Generator gen = at::detail::createCPUGenerator(4);
  auto draw = [&](int64_t n, int) { return at::rand({n, 3, 8, 8}, gen) * 2 - 1; };
  const BirthdayEstimate e = birthdayEstimate(draw, 0.01, 32, 5);
  EXPECT_TRUE(e.lower_bound);
  EXPECT_EQ(e.batch_size, 32);
  EXPECT_THROW(birthdayEstimate(draw, 0.01, 1, 5), GanscopeError);
}

TEST(OutputHistogram, FixedBinsForProbabilitiesAndCriticScores) {
  const at::Tensor logits = at::tensor({-100.0, 0.0, 100.0, 0.1});
  const Histogram h = outputHistogram(logits, /*logistic=*/true, 4);
  EXPECT_EQ(h.counts, (std::vector<int64_t>{1, 0, 2, 1}));
  const Histogram c = outputHistogram(at::tensor({-50.0, -1.0, 3.0, 50.0}), /*logistic=*/false, 2, 10.0);
  EXPECT_DOUBLE_EQ(c.lo, -10.0);
  EXPECT_EQ(c.counts, (std::vector<int64_t>{2, 2}));
}

TEST(NearestImage, FindsAPlantedCopy) {
  const auto data = randomDataset(200);
  ImageU8 sample = data->imageU8(123);
  for (size_t i = 0; i < sample.pixels.size(); i += 7) sample.pixels[i] = static_cast<uint8_t>(sample.pixels[i] ^ 1);
  const auto nearest = nearestTrainingImages(*data, sample, 3);
  ASSERT_EQ(nearest.size(), 3u);
  EXPECT_EQ(nearest[0].index, 123);
  EXPECT_LT(nearest[0].rms, 1.0);
  EXPECT_GT(nearest[1].rms, 50.0);
  ImageU8 wrong = sample;
  wrong.channels = 1;
  EXPECT_THROW(nearestTrainingImages(*data, wrong), GanscopeError);
}

TEST(HealthProbe, CollapsedGeneratorShowsInEveryMeasure) {
  const auto data = randomDataset(120);
  const at::Tensor real = realSample(*data, 64, 1);
  const auto d = tinyDiscriminator();
  const at::Tensor z = at::randn({16, 8});
  // A collapsed "generator": two outputs only, by the sign of z's first value.
  auto collapsed = [&](const at::Tensor& latents) {
    const at::Tensor pick = (latents.select(1, 0) > 0).to(at::kLong) * 7;
    return real.index_select(0, pick) + 0.001 * at::randn({latents.size(0), 3, 32, 32});
  };
  HealthProbeOptions o;
  o.birthday_trials = 5;
  o.birthday_max_batch = 16;
  const HealthRecord r = measureHealth(collapsed, *d, /*logistic=*/true, z, real, o);
  EXPECT_LT(r.pixel_ratio, 0.8);
  EXPECT_LT(r.feature_ratio, 0.8);
  ASSERT_EQ(r.duplicate_groups.size(), 2u);
  EXPECT_DOUBLE_EQ(r.duplicate_fraction, 1.0);
  EXPECT_FALSE(r.birthday.lower_bound);
  EXPECT_LT(r.birthday.support, 10);
  EXPECT_EQ(r.d_real_hist.counts.size(), 20u);

  // A "generator" that returns real images has none of it.
  auto faithful = [&](const at::Tensor& latents) { return realSample(*data, latents.size(0), 7); };
  const HealthRecord ok = measureHealth(faithful, *d, true, z, real, HealthProbeOptions{});
  EXPECT_NEAR(ok.pixel_ratio, 1.0, 0.1);
  EXPECT_TRUE(ok.duplicate_groups.empty());
  EXPECT_EQ(ok.birthday.trials, 0);
}

}  // namespace
}  // namespace gs

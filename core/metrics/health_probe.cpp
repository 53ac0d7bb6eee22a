#include "metrics/health_probe.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

#include "data/image_dataset.h"
#include "metrics/birthday.h"
#include "metrics/diversity.h"
#include "metrics/near_duplicates.h"
#include "metrics/output_histogram.h"
#include "util/error.h"

namespace gs {

HealthRecord measureHealth(const std::function<at::Tensor(const at::Tensor& z)>& generate, DiscriminatorNet& d,
                           bool logistic, const at::Tensor& fixed_z, const at::Tensor& real,
                           const HealthProbeOptions& o) {
  TORCH_CHECK(real.dim() == 4 && real.size(0) >= 2, "measureHealth: need at least 2 real images [M, C, H, W], got ",
              real.sizes());
  TORCH_CHECK(fixed_z.dim() == 2 && fixed_z.size(0) >= 2, "measureHealth: need at least 2 latents, got ",
              fixed_z.sizes());
  HealthRecord r;
  r.logistic = logistic;
  const at::Tensor fake = generate(fixed_z).to(at::kCPU, at::kFloat);

  // Diversity, like for like: pixels against pixels, D features against D features.
  const at::Tensor fake_dist = pairwiseDistances(fake), real_dist = pairwiseDistances(real);
  r.pixel_fake = meanDistance(fake_dist);
  r.pixel_real = meanDistance(real_dist);
  r.pixel_ratio = r.pixel_real > 0 ? r.pixel_fake / r.pixel_real : HealthRecord::kNaN;
  const DiversityRatio features = diversityRatio(discriminatorFeatures(d, fake), discriminatorFeatures(d, real));
  r.feature_fake = features.fake;
  r.feature_real = features.real;
  r.feature_ratio = features.ratio;

  // Grid cells closer than two different real images are.
  r.duplicate_threshold = duplicateThreshold(real_dist, o.duplicate_quantile);
  r.duplicate_groups = nearDuplicateGroups(fake_dist, r.duplicate_threshold);
  r.duplicate_fraction = duplicateFraction(r.duplicate_groups, fake.size(0));

  if (o.birthday_trials > 0) {
    // Fresh latents from their own generator: the run's RNG streams stay as they were.
    at::Generator gen = at::detail::createCPUGenerator(o.seed);
    auto draw = [&](int64_t n, int /*trial*/) {
      return generate(at::randn({n, fixed_z.size(1)}, gen, at::TensorOptions(at::kFloat))).to(at::kCPU);
    };
    r.birthday = birthdayEstimate(draw, r.duplicate_threshold, o.birthday_max_batch, o.birthday_trials);
  }

  r.d_real_hist = outputHistogram(discriminatorOutputs(d, real), logistic, o.histogram_bins, o.critic_range);
  r.d_fake_hist = outputHistogram(discriminatorOutputs(d, fake), logistic, o.histogram_bins, o.critic_range);
  return r;
}

namespace {

// The images realSample takes, in order.
std::vector<int64_t> realSampleOrder(const ImageDataset& data, int64_t n, uint64_t seed) {
  if (data.size() < 1) throw GanscopeError("dataset " + data.summary().source + " is empty: no real images to compare");
  std::vector<int64_t> order(static_cast<size_t>(data.size()));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(static_cast<size_t>(std::min<int64_t>(n, data.size())));
  return order;
}

}  // namespace

at::Tensor realSampleLabels(const ImageDataset& data, int64_t n, uint64_t seed) {
  if (!data.hasLabels()) return {};
  const std::vector<int64_t> order = realSampleOrder(data, n, seed);
  at::Tensor out = at::empty({static_cast<int64_t>(order.size())}, at::kLong);
  int64_t* dst = out.data_ptr<int64_t>();
  for (size_t i = 0; i < order.size(); ++i) dst[i] = data.labels()[size_t(order[i])];
  return out;
}

at::Tensor realSample(const ImageDataset& data, int64_t n, uint64_t seed) {
  const std::vector<int64_t> order = realSampleOrder(data, n, seed);
  const int64_t r = data.resolution(), c = data.channels();
  at::Tensor out = at::empty({static_cast<int64_t>(order.size()), r, r, c}, at::kByte);
  for (size_t i = 0; i < order.size(); ++i)
    std::memcpy(out[static_cast<int64_t>(i)].data_ptr<uint8_t>(), data.image(order[i]), data.imageBytes());
  // HWC bytes to CHW floats in [-1, 1], as the batch loader does.
  return out.permute({0, 3, 1, 2}).to(at::kFloat).div(127.5).sub(1.0).contiguous();
}

}  // namespace gs

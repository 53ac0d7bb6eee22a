#pragma once
// One health measurement of a generator against real images: diversity ratios (pixels and D features),
// near-duplicate groups of the fixed grid, the birthday estimate and D output histograms, as a HealthRecord.
// Measuring leaves the networks and every RNG of the run untouched.
#include <ATen/ATen.h>

#include <cstdint>
#include <functional>

#include "metrics/health_record.h"

namespace gs {

class DiscriminatorNet;
class ImageDataset;

struct HealthProbeOptions {
  double duplicate_quantile = 0.0;  // near-duplicate threshold: this quantile of real-real distances (0: smallest)
  int birthday_trials = 0;          // batches for the birthday estimate (0: skip it)
  int birthday_max_batch = 64;      // largest batch a birthday trial examines
  int histogram_bins = 20;          // bins of the D output histograms
  double critic_range = 10.0;       // critics: histogram range [-range, range]
  uint64_t seed = 1;                // latents of the birthday batches
};

// generate(z) returns images [N, C, H, W] in [-1, 1] for latents z [N, latent_dim] (the run's EMA generator in
// eval mode). fixed_z: the sample grid's latents (its cells are the duplicate groups' indices). real: a batch of
// real images [M, C, H, W] in [-1, 1], M >= 2.
HealthRecord measureHealth(const std::function<at::Tensor(const at::Tensor& z)>& generate, DiscriminatorNet& d,
                           bool logistic, const at::Tensor& fixed_z, const at::Tensor& real,
                           const HealthProbeOptions& options);

// n different images of the dataset (all of them when it holds fewer), chosen by `seed`: [n, C, R, R] in [-1, 1].
at::Tensor realSample(const ImageDataset& data, int64_t n, uint64_t seed);
// The class labels of realSample's images (int64 [n]); undefined when the dataset has none.
at::Tensor realSampleLabels(const ImageDataset& data, int64_t n, uint64_t seed);

}  // namespace gs

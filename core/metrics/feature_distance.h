#pragma once
// Distances between two sets of feature vectors (rows of [N, D] tensors) in a fixed feature space: the Frechet
// distance (FID when the features are a classifier's), the kernel inception distance (KID, Binkowski et al.
// 2018) and improved precision / recall (Kynkaanniemi et al. 2019).
#include <ATen/ATen.h>

#include <cstdint>

namespace gs {

// Mean and covariance (unbiased, N - 1) of a set of rows, in double precision.
struct FeatureStats {
  at::Tensor mean;  // [D]
  at::Tensor cov;   // [D, D]
};
FeatureStats featureStats(const at::Tensor& features);

// ||mu1 - mu2||^2 + tr(C1 + C2 - 2 (C1^1/2 C2 C1^1/2)^1/2); 0 for identical statistics.
double frechetDistance(const FeatureStats& a, const FeatureStats& b);
double frechetDistance(const at::Tensor& a, const at::Tensor& b);

// Unbiased squared MMD with the cubic polynomial kernel k(x, y) = (x.y / D + 1)^3, averaged over `subsets`
// random subsets of `subset_size` rows of each set (all rows, one subset, when subset_size >= both sizes).
double kernelDistance(const at::Tensor& a, const at::Tensor& b, int subsets = 10, int64_t subset_size = 1000,
                      uint64_t seed = 0);

struct PrecisionRecall {
  double precision = 0;  // share of generated rows inside the k-NN balls of the real rows
  double recall = 0;     // share of real rows inside the k-NN balls of the generated rows
};
// Kynkaanniemi et al.: each set's manifold is the union of balls around its rows with the radius to the k-th
// nearest neighbour in the same set.
PrecisionRecall precisionRecall(const at::Tensor& real, const at::Tensor& fake, int k = 3);

}  // namespace gs

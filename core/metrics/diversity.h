#pragma once
// Diversity of a batch as the mean distance between its members, in pixel space and in the discriminator's
// feature space; a generator's diversity is reported as a ratio to the same measure on real images.
#include <ATen/ATen.h>

namespace gs {

class DiscriminatorNet;

// Euclidean distances between the rows of x [N, ...] (flattened), divided by sqrt(values per row) so they read
// as RMS differences: [N, N] double, zero diagonal.
at::Tensor pairwiseDistances(const at::Tensor& x);
// Mean of the off-diagonal entries of a distance matrix (NaN for fewer than two rows).
double meanDistance(const at::Tensor& distances);

// D's penultimate features of images [N, C, H, W] in [-1, 1], in eval mode and without gradients, so measuring
// changes nothing in D (BatchNorm statistics, spectral-norm vectors); D's training mode is restored.
at::Tensor discriminatorFeatures(DiscriminatorNet& d, const at::Tensor& images);
// D's raw outputs (logits or critic scores) [N], the same way.
at::Tensor discriminatorOutputs(DiscriminatorNet& d, const at::Tensor& images);

struct DiversityRatio {
  double fake = 0;   // mean pairwise distance among the generated samples
  double real = 0;   // the same among real images
  double ratio = 0;  // fake / real (NaN when real is 0)
};
// Of two sets of rows (pixels or features), compared like for like.
DiversityRatio diversityRatio(const at::Tensor& fake, const at::Tensor& real);

}  // namespace gs

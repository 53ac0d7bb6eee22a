#pragma once
// Near-duplicate samples: pairs closer than two different real images ever are, joined into groups (union-find)
// so the UI can colour each group of grid cells.
#include <ATen/ATen.h>

#include <vector>

namespace gs {

// The threshold below which two samples count as near-duplicates, from the pixel distances among real images
// [N, N]: the `quantile` (0: the smallest) of the distances between different real images. Zero distances (the
// same image twice in the batch, or copies in the dataset) are left out so they don't switch the test off.
// NaN when no two real images differ.
double duplicateThreshold(const at::Tensor& real_distances, double quantile = 0.0);

// Groups of rows whose distance [N, N] is below `threshold`, joined transitively: each group sorted, at least two
// members, groups ordered by their first member.
std::vector<std::vector<int>> nearDuplicateGroups(const at::Tensor& distances, double threshold);

// Share of the n samples that belong to some group.
double duplicateFraction(const std::vector<std::vector<int>>& groups, int64_t n);

}  // namespace gs

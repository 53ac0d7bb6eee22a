#include "metrics/near_duplicates.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace gs {
namespace {

class UnionFind {
 public:
  explicit UnionFind(int n) : parent_(static_cast<size_t>(n)) { std::iota(parent_.begin(), parent_.end(), 0); }
  int find(int i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];  // path halving
    return i;
  }
  void join(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<int> parent_;
};

}  // namespace

double duplicateThreshold(const at::Tensor& real_distances, double quantile) {
  const at::Tensor d = real_distances.to(at::kCPU, at::kDouble).contiguous();
  const int64_t n = d.size(0);
  const double* p = d.data_ptr<double>();
  // Distances are computed through dot products: an exact copy comes out as rounding noise, not 0.
  const double copy_tolerance = 1e-6 * d.max().item<double>();
  std::vector<double> pairs;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = i + 1; j < n; ++j)
      if (p[i * n + j] > copy_tolerance) pairs.push_back(p[i * n + j]);
  if (pairs.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double q = std::clamp(quantile, 0.0, 1.0);
  const auto k = static_cast<size_t>(std::floor(q * static_cast<double>(pairs.size() - 1)));
  std::nth_element(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(k), pairs.end());
  return pairs[k];
}

std::vector<std::vector<int>> nearDuplicateGroups(const at::Tensor& distances, double threshold) {
  const at::Tensor d = distances.to(at::kCPU, at::kDouble).contiguous();
  const int n = static_cast<int>(d.size(0));
  if (!(threshold > 0)) return {};
  const double* p = d.data_ptr<double>();
  UnionFind sets(n);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (p[static_cast<int64_t>(i) * n + j] < threshold) sets.join(i, j);
  // Roots are the smallest member, so walking i upwards yields sorted groups ordered by first member.
  std::map<int, std::vector<int>> by_root;
  for (int i = 0; i < n; ++i) by_root[sets.find(i)].push_back(i);
  std::vector<std::vector<int>> groups;
  for (auto& [root, members] : by_root)
    if (members.size() >= 2) groups.push_back(std::move(members));
  return groups;
}

double duplicateFraction(const std::vector<std::vector<int>>& groups, int64_t n) {
  if (n <= 0) return std::numeric_limits<double>::quiet_NaN();
  size_t members = 0;
  for (const auto& g : groups) members += g.size();
  return static_cast<double>(members) / static_cast<double>(n);
}

}  // namespace gs

#include "explore/latent_directions.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

#include "explore/directions_math.h"
#include "util/error.h"

namespace gs {

bool DirectionEdit::isZero() const {
  return std::all_of(amounts.begin(), amounts.end(), [](float a) { return a == 0.0f; });
}

LatentDirections eigenDirections(const at::Tensor& gram, int count, double scale) {
  const at::Tensor g = gram.to(at::kCPU, at::kDouble);
  const int64_t dim = g.size(0);
  // eigh: ascending eigenvalues, orthonormal eigenvectors in the columns.
  auto [values, vectors] = at::linalg_eigh((g + g.transpose(0, 1)) * 0.5);
  values = values.clamp_min(0);
  const double trace = std::max(1e-30, values.sum().item<double>());
  LatentDirections d;
  const int64_t k = std::min<int64_t>(std::max(0, count), dim);
  for (int64_t i = 0; i < k; ++i) {
    const int64_t col = dim - 1 - i;
    at::Tensor v = vectors.select(1, col).contiguous();
    const int64_t biggest = v.abs().argmax().item<int64_t>();
    if (v[biggest].item<double>() < 0) v = -v;
    v = v.to(at::kFloat).contiguous();
    d.vectors.emplace_back(v.data_ptr<float>(), v.data_ptr<float>() + dim);
    const double value = values[col].item<double>();
    d.sigma.push_back(static_cast<float>(std::sqrt(value / scale)));
    d.explained.push_back(static_cast<float>(value / trace));
  }
  return d;
}

LatentDirections principalDirections(const std::vector<float>& rows, int n, int dim, int count) {
  if (n < 2 || dim < 1 || rows.size() != static_cast<size_t>(n) * static_cast<size_t>(dim))
    throw GanscopeError("principal directions need at least 2 rows of " + std::to_string(dim) + " values, got " +
                        std::to_string(rows.size()) + " values for " + std::to_string(n) + " rows");
  const at::Tensor x = at::from_blob(const_cast<float*>(rows.data()), {n, dim}, at::kFloat).to(at::kDouble);
  const at::Tensor centred = x - x.mean(0, /*keepdim=*/true);
  // Covariance eigenvectors; sigma is the standard deviation along each.
  return eigenDirections(centred.transpose(0, 1).matmul(centred), count, static_cast<double>(n - 1));
}

void applyDirections(const LatentDirections& directions, const DirectionEdit& edit, std::vector<float>& z,
                     StyleControls& style, int style_layers, int w_dim) {
  if (edit.isZero()) return;
  const size_t dim = directions.space == LatentDirections::Space::Z ? z.size() : static_cast<size_t>(w_dim);
  std::vector<float> offset(dim, 0.0f);
  for (size_t i = 0; i < edit.amounts.size() && i < directions.vectors.size(); ++i) {
    const std::vector<float>& v = directions.vectors[i];
    if (v.size() != dim)
      throw GanscopeError("edit direction " + std::to_string(i) + " has " + std::to_string(v.size()) +
                          " values, the " + (directions.space == LatentDirections::Space::Z ? "latent" : "w") +
                          " has " + std::to_string(dim));
    const float step = edit.amounts[i] * directions.sigma[i];
    for (size_t k = 0; k < dim; ++k) offset[k] += step * v[k];
  }
  const auto add = [](std::vector<float>& target, const std::vector<float>& delta) {
    if (target.empty()) target.assign(delta.size(), 0.0f);
    for (size_t k = 0; k < delta.size(); ++k) target[k] += delta[k];
  };
  if (directions.space == LatentDirections::Space::Z) return add(z, offset);
  const int last = edit.last_layer < 0 ? style_layers - 1 : std::min(edit.last_layer, style_layers - 1);
  const int first = std::max(0, edit.first_layer);
  if (first == 0 && last == style_layers - 1) return add(style.w_offset, offset);
  if (style.layers.size() < static_cast<size_t>(style_layers)) style.layers.resize(static_cast<size_t>(style_layers));
  for (int l = first; l <= last; ++l) add(style.layers[static_cast<size_t>(l)].w_offset, offset);
}

}  // namespace gs

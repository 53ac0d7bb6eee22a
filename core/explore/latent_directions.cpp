#include "explore/latent_directions.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "explore/directions_math.h"
#include "util/error.h"

namespace gs {

bool DirectionEdit::isZero() const {
  return std::all_of(amounts.begin(), amounts.end(), [](float a) { return a == 0.0f; });
}

std::string directionEditToText(const DirectionEdit& edit) {
  std::string out;
  for (size_t i = 0; i < edit.amounts.size(); ++i) {
    if (edit.amounts[i] == 0.0f) continue;
    char part[48];
    std::snprintf(part, sizeof part, "%s%zu:%+g", out.empty() ? "" : ",", i, double(edit.amounts[i]));
    out += part;
  }
  if (out.empty()) return out;
  if (edit.first_layer > 0 || edit.last_layer >= 0)
    out += "@" + std::to_string(edit.first_layer) + "-" + (edit.last_layer >= 0 ? std::to_string(edit.last_layer) : "");
  return out;
}

DirectionEdit directionEditFromText(const std::string& text) {
  DirectionEdit edit;
  const auto bad = [&text](const std::string& why) {
    return GanscopeError("directions '" + text + "': " + why + " (expected e.g. 0:+2.5,3:-1 or 0:2@2-6)");
  };
  const size_t at = text.find('@');
  const std::string list = text.substr(0, at);
  size_t start = 0;
  while (start < list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string part = list.substr(start, comma - start);
    const size_t colon = part.find(':');
    if (colon == std::string::npos) throw bad("'" + part + "' has no ':'");
    size_t used = 0;
    int index = -1;
    float amount = 0;
    try {
      index = std::stoi(part.substr(0, colon), &used);
      if (used != colon || index < 0 || index > 63) throw bad("'" + part.substr(0, colon) + "' is not a direction 0-63");
      amount = std::stof(part.substr(colon + 1), &used);
      if (used != part.size() - colon - 1 || !std::isfinite(amount)) throw bad("'" + part + "' has no amount");
    } catch (const std::logic_error&) {
      throw bad("cannot read '" + part + "'");
    }
    if (edit.amounts.size() <= size_t(index)) edit.amounts.resize(size_t(index) + 1, 0.0f);
    edit.amounts[size_t(index)] = amount;
    start = comma + 1;
  }
  if (at != std::string::npos) {
    const std::string range = text.substr(at + 1);
    const size_t dash = range.find('-');
    try {
      if (dash == std::string::npos) throw bad("layer range '" + range + "' has no '-'");
      edit.first_layer = std::stoi(range.substr(0, dash));
      edit.last_layer = dash + 1 < range.size() ? std::stoi(range.substr(dash + 1)) : -1;
    } catch (const std::logic_error&) {
      throw bad("cannot read the layer range '" + range + "'");
    }
    if (edit.first_layer < 0 || (edit.last_layer >= 0 && edit.last_layer < edit.first_layer))
      throw bad("layer range '" + range + "' is empty");
  }
  return edit;
}

std::vector<DirectionEdit> directionSweep(const DirectionEdit& base, int direction, float sigma, int frames) {
  if (direction < 0 || direction > 63) throw GanscopeError("sweep: direction must be 0-63, got " + std::to_string(direction));
  if (frames < 2) throw GanscopeError("sweep: needs at least 2 frames, got " + std::to_string(frames));
  std::vector<DirectionEdit> edits;
  constexpr double kTwoPi = 6.283185307179586;
  for (int f = 0; f < frames; ++f) {
    DirectionEdit e = base;
    if (e.amounts.size() <= size_t(direction)) e.amounts.resize(size_t(direction) + 1, 0.0f);
    e.amounts[size_t(direction)] += float(sigma * std::sin(kTwoPi * f / frames));
    edits.push_back(std::move(e));
  }
  return edits;
}

void applyDirectionsToAll(const LatentDirections& directions, const DirectionEdit& edit,
                          std::vector<std::vector<float>>& latents, StyleControls& style, int style_layers,
                          int w_dim) {
  if (edit.isZero()) return;
  for (size_t i = 0; i < latents.size(); ++i) {
    StyleControls unused;
    applyDirections(directions, edit, latents[i], i == 0 ? style : unused, style_layers, w_dim);
  }
}

SweepFrames sweepFrames(const LatentDirections& directions, const DirectionEdit& base, int direction, float sigma,
                        int frames, const std::vector<float>& z, const StyleControls& style, int style_layers,
                        int w_dim) {
  if (direction >= directions.count())
    throw GanscopeError("sweep: direction " + std::to_string(direction) + " asked for, the generator has " +
                        std::to_string(directions.count()));
  SweepFrames out;
  for (const DirectionEdit& edit : directionSweep(base, direction, sigma, frames)) {
    std::vector<float> frame_z = z;
    StyleControls frame_style = style;
    applyDirections(directions, edit, frame_z, frame_style, style_layers, w_dim);
    out.latents.push_back(std::move(frame_z));
    if (directions.space == LatentDirections::Space::W) out.styles.push_back(std::move(frame_style));
  }
  return out;
}

std::string directionsRecipe(const LatentDirections& directions, const DirectionEdit& edit) {
  return edit.isZero() ? std::string() : directionEditToText(edit) + " (" + directions.method + ")";
}

std::string sweepRecipe(const LatentDirections& directions, const DirectionEdit& base, int direction, float sigma) {
  char what[96];
  std::snprintf(what, sizeof what, "direction %d swept +-%g sigma", direction, double(sigma));
  return std::string(what) + (base.isZero() ? "" : " on top of " + directionEditToText(base)) + " (" +
         directions.method + ")";
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

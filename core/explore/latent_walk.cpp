#include "explore/latent_walk.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "util/error.h"

namespace gs {

std::vector<float> slerp(const std::vector<float>& a, const std::vector<float>& b, double t) {
  double dot = 0, na = 0, nb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    dot += double(a[i]) * b[i];
    na += double(a[i]) * a[i];
    nb += double(b[i]) * b[i];
  }
  const double cosine = std::clamp(dot / std::max(1e-12, std::sqrt(na * nb)), -1.0, 1.0);
  const double omega = std::acos(cosine);
  std::vector<float> out(a.size());
  if (omega < 1e-4) {  // (nearly) parallel: the straight line is the arc
    for (size_t i = 0; i < a.size(); ++i) out[i] = float((1 - t) * a[i] + t * b[i]);
    return out;
  }
  const double wa = std::sin((1 - t) * omega) / std::sin(omega), wb = std::sin(t * omega) / std::sin(omega);
  for (size_t i = 0; i < a.size(); ++i) out[i] = float(wa * a[i] + wb * b[i]);
  return out;
}

std::vector<std::vector<float>> latentWalk(const std::vector<std::vector<float>>& keys, int frames_per_key,
                                           bool loop) {
  if (keys.size() < 2) throw GanscopeError("a latent walk needs at least 2 key latents, got " + std::to_string(keys.size()));
  if (frames_per_key < 1) throw GanscopeError("a latent walk needs at least 1 frame per key");
  for (const auto& k : keys)
    if (k.size() != keys.front().size())
      throw GanscopeError("latent walk: key latents differ in size (" + std::to_string(k.size()) + " and " +
                          std::to_string(keys.front().size()) + ")");
  std::vector<std::vector<float>> frames;
  const size_t legs = loop ? keys.size() : keys.size() - 1;
  for (size_t leg = 0; leg < legs; ++leg) {
    const auto& a = keys[leg];
    const auto& b = keys[(leg + 1) % keys.size()];
    for (int f = 0; f < frames_per_key; ++f) frames.push_back(slerp(a, b, double(f) / frames_per_key));
  }
  if (!loop) frames.push_back(keys.back());
  return frames;
}

std::string latentWalkRecipe(const std::vector<uint64_t>& seeds, int frames_per_key, bool loop, int fps) {
  std::string list;
  for (uint64_t s : seeds) list += (list.empty() ? "" : ",") + std::to_string(s);
  return "spherical through seeds " + list + (loop ? " and back to the first" : "") + ", " +
         std::to_string(frames_per_key) + " frames per seed, " + std::to_string(fps) + " fps";
}

}  // namespace gs

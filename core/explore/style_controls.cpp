#include "explore/style_controls.h"

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace gs {

using nlohmann::json;

bool StyleControls::isDefault() const {
  if (noise_seed != 0 || !w_offset.empty()) return false;
  for (const auto& l : layers)
    if ((l.from_b && !latent_b.empty()) || l.truncation != 1.0f || l.noise != 1.0f || !l.w_offset.empty())
      return false;
  return true;
}

std::string styleControlsToJson(const StyleControls& c) {
  json j = json::object();
  if (c.seed_b) {
    j["seed_b"] = *c.seed_b;
  } else if (!c.latent_b.empty()) {
    j["latent_b"] = c.latent_b;
  }
  if (c.noise_seed != 0) j["noise_seed"] = c.noise_seed;
  if (!c.w_offset.empty()) j["w_offset"] = c.w_offset;
  bool any_layer = false;
  json layers = json::array();
  for (const auto& l : c.layers) {
    json lj = json::object();
    if (l.from_b) lj["from_b"] = true;
    if (l.truncation != 1.0f) lj["psi"] = l.truncation;
    if (l.noise != 1.0f) lj["noise"] = l.noise;
    if (!l.w_offset.empty()) lj["w_offset"] = l.w_offset;
    any_layer = any_layer || !lj.empty();
    layers.push_back(std::move(lj));
  }
  if (any_layer) j["layers"] = std::move(layers);
  return j.dump();
}

StyleControls styleControlsFromJson(const std::string& text) {
  StyleControls c;
  try {
    const json j = json::parse(text);
    if (!j.is_object()) throw GanscopeError("style controls: expected a JSON object");
    if (j.contains("latent_b")) c.latent_b = j["latent_b"].get<std::vector<float>>();
    if (j.contains("seed_b")) c.seed_b = j["seed_b"].get<uint64_t>();
    c.noise_seed = j.value("noise_seed", uint64_t{0});
    if (j.contains("w_offset")) c.w_offset = j["w_offset"].get<std::vector<float>>();
    if (j.contains("layers")) {
      for (const auto& lj : j["layers"]) {
        StyleLayerControl l;
        l.from_b = lj.value("from_b", false);
        l.truncation = lj.value("psi", 1.0f);
        l.noise = lj.value("noise", 1.0f);
        if (lj.contains("w_offset")) l.w_offset = lj["w_offset"].get<std::vector<float>>();
        c.layers.push_back(std::move(l));
      }
    }
  } catch (const json::exception& e) {
    throw GanscopeError(std::string("style controls: not valid (") + e.what() + ")");
  }
  return c;
}

}  // namespace gs

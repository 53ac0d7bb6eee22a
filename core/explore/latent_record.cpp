#include "explore/latent_record.h"

#include <nlohmann/json.hpp>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "explore/latent_text.h"
#include "util/error.h"

namespace gs {

using nlohmann::json;

const char* latentSpaceName(LatentSpace space) {
  switch (space) {
    case LatentSpace::Z: return "z";
    case LatentSpace::W: return "w";
    case LatentSpace::WPlus: return "w+";
  }
  return "z";
}

LatentSpace latentSpaceFromName(const std::string& name) {
  if (name == "z") return LatentSpace::Z;
  if (name == "w") return LatentSpace::W;
  if (name == "w+") return LatentSpace::WPlus;
  throw GanscopeError("latent space '" + name + "' is unknown (z, w or w+)");
}

std::string latentRecordToJson(const LatentRecord& r) {
  // Written by hand so every value keeps latentToText's float-exact digits.
  std::string out = std::string("{\"space\": \"") + latentSpaceName(r.space) + "\"";
  if (r.space == LatentSpace::WPlus) out += ", \"layers\": " + std::to_string(r.layers);
  out += std::string(", \"") + (r.space == LatentSpace::Z ? "z" : "w") + "\": [" + latentToText(r.values) + "]";
  if (r.space != LatentSpace::Z && !r.anchor_z.empty()) out += ", \"anchor_z\": [" + latentToText(r.anchor_z) + "]";
  return out + "}\n";
}

LatentRecord latentRecordFromText(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  LatentRecord r;
  if (first == std::string::npos || text[first] != '{' || text.find("\"space\"") == std::string::npos) {
    r.values = latentFromText(text);  // a bare z, or {"z": [...]}
    return r;
  }
  try {
    const json j = json::parse(text);
    r.space = latentSpaceFromName(j.at("space").get<std::string>());
    r.values = j.at(r.space == LatentSpace::Z ? "z" : "w").get<std::vector<float>>();
    if (r.space == LatentSpace::WPlus) r.layers = j.at("layers").get<int>();
    if (j.contains("anchor_z")) r.anchor_z = j["anchor_z"].get<std::vector<float>>();
  } catch (const json::exception& e) {
    throw GanscopeError(std::string("latent: not a latent file (") + e.what() + ")");
  }
  if (r.values.empty()) throw GanscopeError("latent: no values");
  if (r.layers < 1 || r.values.size() % size_t(r.layers) != 0)
    throw GanscopeError("latent: " + std::to_string(r.values.size()) + " values do not split into " +
                        std::to_string(r.layers) + " layers");
  return r;
}

std::vector<float> latentForRendering(GeneratorSession& g, const LatentRecord& r, StyleControls& style) {
  const auto sizeError = [](const std::string& what, size_t got, int64_t want) {
    return GanscopeError("latent: " + what + " has " + std::to_string(got) + " values; the generator takes " +
                         std::to_string(want));
  };
  if (r.space == LatentSpace::Z) {
    if (int(r.values.size()) != g.latentDim()) throw sizeError("z", r.values.size(), g.latentDim());
    return r.values;
  }
  if (!g.isStyleBased())
    throw GanscopeError(std::string("latent: a ") + latentSpaceName(r.space) +
                        " latent needs a style-based generator; this one is a DCGAN (it takes z)");
  const int layers = int(g.styleLayerResolutions().size());
  const size_t w_dim = size_t(g.wDim());
  if (r.space == LatentSpace::WPlus && r.layers != layers)
    throw GanscopeError("latent: a w+ of " + std::to_string(r.layers) + " layers; the generator has " +
                        std::to_string(layers) + " synthesis layers");
  if (r.values.size() != w_dim * size_t(r.space == LatentSpace::W ? 1 : layers))
    throw sizeError(latentSpaceName(r.space), r.values.size(), int64_t(w_dim) * (r.space == LatentSpace::W ? 1 : layers));
  const std::vector<float> anchor = r.anchor_z.empty() ? g.latentForSeed(0) : r.anchor_z;
  if (int(anchor.size()) != g.latentDim()) throw sizeError("its anchor z", anchor.size(), g.latentDim());
  const std::vector<float> anchor_w = g.mappedW(anchor);

  // The offsets that take the anchor's w to the recorded one, added to any edit already there.
  const auto addOffset = [&](std::vector<float>& offset, const float* target) {
    if (offset.empty()) offset.assign(w_dim, 0.0f);
    for (size_t i = 0; i < w_dim; ++i) offset[i] += target[i] - anchor_w[i];
  };
  if (r.space == LatentSpace::W) {
    addOffset(style.w_offset, r.values.data());
  } else {
    style.layers.resize(size_t(layers));
    for (int l = 0; l < layers; ++l) addOffset(style.layers[size_t(l)].w_offset, r.values.data() + size_t(l) * w_dim);
  }
  return anchor;
}

}  // namespace gs

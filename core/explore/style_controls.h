#pragma once
// The explorer's controls of a style-based generator, as a plain struct (no LibTorch): style mixing with a
// second latent B per layer, per-layer truncation and noise strength, the noise seed, and edits of w (every
// layer) or w+ (one layer). GeneratorSession::render applies them; DCGAN generators ignore them. Exports record
// them as JSON in the PNG metadata so an image can be rendered again.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gs {

struct StyleLayerControl {
  bool from_b = false;          // take this layer's style from latent B (style mixing)
  float truncation = 1.0f;      // per-layer psi, multiplied with the render's overall truncation
  float noise = 1.0f;           // multiplies the layer's learned noise strength (0: no noise)
  std::vector<float> w_offset;  // w+ edit added to this layer's w after truncation (empty: none)
};

struct StyleControls {
  std::vector<float> latent_b;            // z of latent B; empty: no B (the from_b switches do nothing)
  std::optional<uint64_t> seed_b;         // the seed latent_b came from, for the recipe
  std::vector<StyleLayerControl> layers;  // one per synthesis layer, or empty: defaults on every layer
  uint64_t noise_seed = 0;                // fixed noise maps from this seed
  std::vector<float> w_offset;            // edit in w: added to every layer's w after truncation (empty: none)

  // True when rendering with these controls equals rendering without them.
  bool isDefault() const;
};

// Compact JSON of the non-default parts; "{}" for defaults. Latent B is stored as its seed when known.
std::string styleControlsToJson(const StyleControls& controls);
// Throws GanscopeError when the text is not such JSON. A recipe with seed_b leaves latent_b empty: the caller
// draws it with latentFromSeed(*seed_b, latent_dim).
StyleControls styleControlsFromJson(const std::string& json);

}  // namespace gs

#pragma once
// Tiny style-based models and configs shared by the style tests (a few seconds each on 2 cores).
#include <ATen/ATen.h>

#include <memory>

#include "config.h"
#include "models/style_network.h"
#include "util/error.h"

namespace gs::test {

inline ModelConfig tinyStyleModel(int resolution, int width = 4) {
  ModelConfig c;
  c.kind = ModelKind::Style;
  c.resolution = resolution;
  c.channels = 3;
  c.latent_dim = 16;
  c.g_width = width;
  c.d_width = width;
  c.mapping_layers = 2;
  return c;
}

inline std::shared_ptr<StyleGeneratorNet> makeStyleGenerator(const ModelConfig& config) {
  auto g = std::dynamic_pointer_cast<StyleGeneratorNet>(makeGenerator(config));
  if (!g) throw GanscopeError("the factory built no style generator");
  return g;
}

// Fresh generators learn their noise strengths from zero; give them some so noise shows.
inline void giveNoiseStrength(StyleGeneratorNet& g, double value = 0.3) {
  at::NoGradGuard no_grad;
  for (auto& p : g.named_parameters())
    if (p.key().find("noise_strength") != std::string::npos) p.value().fill_(value);
}

}  // namespace gs::test

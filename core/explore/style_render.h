#pragma once
// StyleControls applied to a style-based generator: the per-layer w (w+) and the noise they ask for.
// GeneratorSession renders with these; tests use them to check each control on its own.
#include <ATen/ATen.h>

#include "explore/style_controls.h"
#include "models/style_network.h"

namespace gs {

// z [N, latent_dim] -> ws [N, layers, w_dim]: per layer the w of z (or of latent B where from_b), truncated
// towards w_avg with psi = truncation * layer psi, plus the w and w+ offsets. Throws GanscopeError on controls
// whose sizes don't fit the generator. A class-conditional generator maps z (and latent B) with `classes` [N].
at::Tensor styleLatents(StyleGeneratorNet& g, const at::Tensor& z, float truncation, const StyleControls& controls,
                        const at::Tensor& classes = {});
NoiseSpec styleNoise(StyleGeneratorNet& g, const StyleControls& controls);

}  // namespace gs

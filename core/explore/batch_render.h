#pragma once
// Renders many latents in small batches: memory stays small for long lists, and between batches the caller can
// report progress, stop, or let other work go first (the explorer's frame during a grid render). The one batch
// loop of the app's grid and exports and the CLI's sample and video commands.
#include <cstddef>
#include <functional>
#include <vector>

#include "explore/style_controls.h"
#include "util/image.h"

namespace gs {

class GeneratorSession;

struct BatchRenderOptions {
  float truncation = 1.0f;
  StyleControls style;                      // every latent's style controls ...
  std::vector<StyleControls> frame_styles;  // ... or one per latent (a sweep in w): then rendered one by one
  std::vector<int> classes;                 // conditional models: empty (class 0), one for all, or one per latent
  size_t batch = 16;                        // latents per renderBatch call
  std::function<bool()> should_stop;        // asked before each batch: true abandons the render
  std::function<void(size_t done, size_t total)> progress;  // after each batch
};

// Renders `latents` in order, handing each image to `sink`. False when should_stop ended it early.
bool renderInBatches(GeneratorSession& g, const std::vector<std::vector<float>>& latents,
                     const BatchRenderOptions& options, const std::function<void(ImageU8&&)>& sink);

// The same, collected (empty when stopped early).
std::vector<ImageU8> renderAll(GeneratorSession& g, const std::vector<std::vector<float>>& latents,
                               const BatchRenderOptions& options);

}  // namespace gs

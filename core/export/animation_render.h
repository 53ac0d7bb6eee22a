#pragma once
// Renders an animation's frames (latents, with shared or per-frame style controls) from a generator into an
// AnimationWriter, upscaled with nearest neighbour: the one frame loop of the app's video exports and the CLI's
// video command.
#include <vector>

#include "explore/batch_render.h"

namespace gs {

class AnimationWriter;

// Adds every frame to `writer` (not finished here); false when options.should_stop ended it early.
bool renderAnimation(AnimationWriter& writer, GeneratorSession& g, const std::vector<std::vector<float>>& frames,
                     int scale, const BatchRenderOptions& options);

}  // namespace gs

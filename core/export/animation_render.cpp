#include "export/animation_render.h"

#include "export/animation_export.h"

namespace gs {

bool renderAnimation(AnimationWriter& writer, GeneratorSession& g, const std::vector<std::vector<float>>& frames,
                     int scale, const BatchRenderOptions& options) {
  return renderInBatches(g, frames, options, [&](ImageU8&& frame) { writer.add(upscaleNearest(frame, scale)); });
}

}  // namespace gs

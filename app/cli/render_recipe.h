#pragma once
// What the rendering commands (sample, video) share: the --style controls and the recipe text every export
// carries (AI-generated label, truncation, style controls, model fingerprint, step, checkpoint).
#include <string>

#include "explore/style_controls.h"
#include "export/png_export.h"

namespace gs {
class GeneratorSession;
}

namespace gs::cli {

// --style: JSON text (as an exported PNG records it) or a file holding it ("": none). Latent B stored as a seed
// is drawn the way the explorer draws it. Throws GanscopeError for DCGAN generators or bad JSON.
StyleControls loadStyleControls(const GeneratorSession& g, const std::string& style_arg, const std::string& checkpoint);

PngText renderRecipe(const GeneratorSession& g, const std::string& checkpoint, float truncation,
                     const StyleControls& style);

}  // namespace gs::cli

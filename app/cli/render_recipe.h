#pragma once
// What the rendering commands (sample, video) share: the --style controls and the --directions edit (the recipe
// text itself is export/recipe_text.h, shared with the desktop app).
#include <string>
#include <vector>

#include "explore/latent_directions.h"
#include "explore/style_controls.h"
#include "export/png_export.h"

namespace gs {
class GeneratorSession;
}

namespace gs::cli {

// --style: JSON text (as an exported PNG records it) or a file holding it ("": none). Latent B stored as a seed
// is drawn the way the explorer draws it. Throws GanscopeError for DCGAN generators or bad JSON.
StyleControls loadStyleControls(const GeneratorSession& g, const std::string& style_arg, const std::string& checkpoint);

// The generator's edit directions and the edit parsed from --directions ("": no edit); throws GanscopeError for
// a bad edit or one naming a direction the generator does not have.
struct DirectionsArg {
  LatentDirections directions;
  DirectionEdit edit;
};
DirectionsArg loadDirections(GeneratorSession& g, const std::string& directions_arg);
// --directions: the explorer's "Directions" recipe (e.g. "0:+2.5,3:-1@2-6"). Finds the generator's directions
// and applies the edit to every latent in `latents` (DCGAN) or to `style` (style generators). Returns the text to
// record ("" when none).
std::string applyDirectionsArg(GeneratorSession& g, const std::string& directions_arg,
                               std::vector<std::vector<float>>& latents, StyleControls& style);

}  // namespace gs::cli

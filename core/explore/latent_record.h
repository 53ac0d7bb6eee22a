#pragma once
// A latent file, as `ganscope-cli project` writes it and `sample --latent` / the explorer read it back: a z, or
// for a style generator a w (one for every layer) or a w+ (one per synthesis layer). A z is written as
// {"space": "z", "z": [...]}; reading also takes the bare forms an export records ("0.1,-2,..." or "[...]").
// The explorer's sliders move z, so a w or w+ carries an anchor z: rendering it is the anchor's w plus w
// offsets that make up the difference (the style controls' w and w+ edits), exact at truncation 1.
#include <string>
#include <vector>

#include "explore/style_controls.h"

namespace gs {

class GeneratorSession;

enum class LatentSpace { Z, W, WPlus };

const char* latentSpaceName(LatentSpace space);  // "z", "w", "w+"
// Throws GanscopeError for anything but z, w or w+.
LatentSpace latentSpaceFromName(const std::string& name);

struct LatentRecord {
  LatentSpace space = LatentSpace::Z;
  std::vector<float> values;    // z [latent_dim], w [w_dim], or w+ [layers * w_dim] layer after layer
  int layers = 1;               // w+: synthesis layers (values.size() / layers is w_dim)
  std::vector<float> anchor_z;  // w, w+: the z the explorer starts its sliders from (empty: seed 0's)
};

// JSON with float-exact digits, e.g. {"space":"w","w":[...],"anchor_z":[...]}.
std::string latentRecordToJson(const LatentRecord& record);
// A JSON object with "space", or any form latentFromText reads (a z). Throws GanscopeError on bad text.
LatentRecord latentRecordFromText(const std::string& text);

// The z and style controls that render `record` on `g`: a z as it is (controls untouched); a w or w+ as its
// anchor z and w / w+ offsets added to those already in `style`. Throws GanscopeError when the sizes do not fit
// the generator (naming what was expected) or when a w is given to a generator without one.
std::vector<float> latentForRendering(GeneratorSession& g, const LatentRecord& record, StyleControls& style);

}  // namespace gs

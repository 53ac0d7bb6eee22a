#include "render_recipe.h"

#include <cstdio>
#include <filesystem>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs::cli {

StyleControls loadStyleControls(const GeneratorSession& g, const std::string& style_arg, const std::string& checkpoint) {
  if (style_arg.empty()) return {};
  if (!g.isStyleBased())
    throw GanscopeError("--style: " + checkpoint + " holds a DCGAN generator; style controls need a style-based one");
  const bool inline_json = style_arg.find('{') != std::string::npos;
  const std::string json = inline_json ? style_arg : readFile(style_arg);  // a missing file names itself
  StyleControls c;
  try {
    c = styleControlsFromJson(json);
  } catch (const GanscopeError& e) {
    throw GanscopeError("--style " + (inline_json ? std::string("JSON") : style_arg) + ": " + e.what());
  }
  if (c.latent_b.empty() && c.seed_b) c.latent_b = latentFromSeed(*c.seed_b, g.latentDim());
  return c;
}

DirectionsArg loadDirections(GeneratorSession& g, const std::string& directions_arg) {
  DirectionsArg d;
  try {
    d.edit = directionEditFromText(directions_arg.substr(0, directions_arg.find(' ')));  // "(method)" may follow
  } catch (const GanscopeError& e) {
    throw GanscopeError(std::string("--") + e.what());
  }
  d.directions = g.editDirections(64);
  if (d.edit.amounts.size() > size_t(d.directions.count()))
    throw GanscopeError("--directions: direction " + std::to_string(d.edit.amounts.size() - 1) + " asked for, " +
                        "this generator has " + std::to_string(d.directions.count()));
  return d;
}

std::string applyDirectionsArg(GeneratorSession& g, const std::string& directions_arg,
                               std::vector<std::vector<float>>& latents, StyleControls& style) {
  if (directions_arg.empty()) return {};
  const DirectionsArg d = loadDirections(g, directions_arg);
  applyDirectionsToAll(d.directions, d.edit, latents, style, int(g.styleLayerResolutions().size()), g.wDim());
  return directionsRecipe(d.directions, d.edit);
}

}  // namespace gs::cli

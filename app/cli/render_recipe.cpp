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

PngText renderRecipe(const GeneratorSession& g, const std::string& checkpoint, float truncation,
                     const StyleControls& style) {
  PngText text = standardExportText();
  char psi[32];
  std::snprintf(psi, sizeof psi, "%g", truncation);
  text.emplace_back("Truncation", psi);
  if (!style.isDefault()) text.emplace_back("Style controls", styleControlsToJson(style));
  text.emplace_back("Model fingerprint", g.fingerprint());
  text.emplace_back("Step", std::to_string(g.step()));
  text.emplace_back("Checkpoint", std::filesystem::path(checkpoint).filename().string());
  return text;
}

}  // namespace gs::cli

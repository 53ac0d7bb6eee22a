#include "export/recipe_text.h"

#include <cstdio>
#include <filesystem>

#include "explore/generator_session.h"
#include "explore/latent_text.h"

namespace gs {

std::string formatTruncation(float psi) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", double(psi));
  return text;
}

PngText recipeText(const GeneratorSession& g, const RecipeFields& f) {
  PngText text = standardExportText();
  text.emplace_back("Model", g.label());
  text.emplace_back("Model fingerprint", g.fingerprint());
  text.emplace_back("Step", std::to_string(g.step()));
  const std::string checkpoint = f.checkpoint.empty() ? g.sourcePath() : f.checkpoint;
  if (!checkpoint.empty()) text.emplace_back("Checkpoint", std::filesystem::path(checkpoint).filename().string());
  text.emplace_back("Truncation", formatTruncation(f.truncation));
  if (g.isStyleBased() && !f.style.isDefault()) text.emplace_back("Style controls", styleControlsToJson(f.style));
  if (!f.directions.empty()) text.emplace_back("Directions", f.directions);
  const std::vector<std::string> names = g.classNames();
  if (f.class_index >= 0 && f.class_index < static_cast<int>(names.size()))
    text.emplace_back("Class", std::to_string(f.class_index) + " " + names[static_cast<size_t>(f.class_index)]);
  return text;
}

void addSeedsText(PngText& text, const std::vector<std::optional<uint64_t>>& seeds,
                  const std::vector<std::vector<float>>& latents) {
  std::string list;
  bool edited = false;
  for (const auto& s : seeds) {
    list += (list.empty() ? "" : ",") + (s ? std::to_string(*s) : std::string("edited"));
    edited = edited || !s;
  }
  if (!seeds.empty()) text.emplace_back(seeds.size() == 1 ? "Seed" : "Seeds", list);
  // A hand-edited latent has no seed: store the vector itself so the image can be rendered again.
  if (latents.size() == 1 && edited) {
    text.emplace_back("Latent", latentToText(latents.front()));
  }
}

}  // namespace gs

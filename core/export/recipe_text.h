#pragma once
// The recipe every exported file carries, in one format for the CLI and the desktop app: the AI-generated label,
// the model (label, fingerprint, training step, checkpoint file), truncation, style controls and the direction
// edit, then the seeds - or the latent itself where an edit left no seed - so the file can be rendered again.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "explore/style_controls.h"
#include "export/png_export.h"

namespace gs {

class GeneratorSession;

struct RecipeFields {
  std::string checkpoint;  // path or name of the checkpoint ("": the generator's own sourcePath(), if any)
  float truncation = 1.0f;
  StyleControls style;     // recorded as "Style controls" JSON for style generators when not the defaults
  std::string directions;  // the direction edit ("0:+2.5 (GANSpace: ...)"), "" for none
  int class_index = -1;    // class-conditional models: the class rendered ("Class": "3 Dress"); -1: none
};

// "0.7": truncation as every recipe writes it (shortest form that reads back the same float).
std::string formatTruncation(float psi);

PngText recipeText(const GeneratorSession& g, const RecipeFields& fields);

// "Seed" (one latent) or "Seeds" (several; "edited" where a latent has no seed), and for one edited latent the
// "Latent" values themselves.
void addSeedsText(PngText& text, const std::vector<std::optional<uint64_t>>& seeds,
                  const std::vector<std::vector<float>>& latents);

}  // namespace gs

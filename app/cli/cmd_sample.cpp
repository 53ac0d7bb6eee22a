// `ganscope-cli sample`: images from a checkpoint, as one grid or as single files, each marked AI-generated
// with the recipe (seed, truncation, style controls, model fingerprint, step) in its PNG metadata.
#include <cstdio>
#include <filesystem>

#include "args.h"
#include "commands.h"
#include "explore/batch_render.h"
#include "explore/generator_session.h"
#include "explore/latent_record.h"
#include "explore/style_controls.h"
#include "export/png_export.h"
#include "export/recipe_text.h"
#include "options.h"
#include "render_recipe.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs::cli {
int runSample(const std::vector<std::string>& args) {
  const SampleOptions o = parseSampleOptions(args);
  if (o.help) {
    std::fputs(sampleUsage(), stdout);
    return 0;
  }
  const auto g = GeneratorSession::open(o.checkpoint);
  // Class-conditional models: one class for every image (--class), or one grid row per class.
  const int num_classes = g->numClasses();
  int the_class = -1;
  if (!o.class_text.empty()) {
    try {
      the_class = classIndex(g->config(), o.class_text);
    } catch (const GanscopeError& e) {
      throw GanscopeError("--class for " + o.checkpoint + ": " + e.what());
    }
  }
  const bool class_rows = num_classes > 0 && the_class < 0 && o.latent.empty() && !o.out.empty();
  SampleOptions layout = o;
  if (class_rows) {
    // Row k: class k; column j: seed + j in every row, so a column shows one latent in every class.
    layout.cols = o.grid_given ? o.cols : o.n_given ? o.n : 8;
    layout.rows = num_classes;
    layout.n = layout.cols * layout.rows;
  }
  StyleControls style = loadStyleControls(*g, o.style, o.checkpoint);
  std::vector<std::vector<float>> latents;
  if (!o.latent.empty()) {
    // A z as an export records it, or a latent file from `project` (z, w or w+ with its anchor z).
    const bool inline_text = o.latent.find(',') != std::string::npos || o.latent.find('[') != std::string::npos;
    const std::string text = inline_text ? o.latent : readFile(o.latent);  // a missing file names itself
    try {
      latents.push_back(latentForRendering(*g, latentRecordFromText(text), style));
    } catch (const GanscopeError& e) {
      throw GanscopeError("--latent " + (inline_text ? std::string() : o.latent + " ") + "for " + o.checkpoint +
                          ": " + e.what());
    }
  }
  std::vector<int> classes;  // per image
  for (int i = 0; i < layout.n && o.latent.empty(); ++i) {
    const int column = class_rows ? i % layout.cols : i;
    latents.push_back(g->latentForSeed(o.seed + column));
    if (num_classes > 0) classes.push_back(class_rows ? i / layout.cols : the_class >= 0 ? the_class : i % num_classes);
  }
  if (!o.latent.empty() && num_classes > 0) classes.push_back(the_class >= 0 ? the_class : 0);
  const std::vector<float> recorded = latents.front();  // before --directions moves it
  const std::string directions = applyDirectionsArg(*g, o.directions, latents, style);
  BatchRenderOptions render;
  render.truncation = o.truncation;
  render.style = style;
  render.classes = classes;
  const std::vector<ImageU8> images = renderAll(*g, latents, render);
  // The recipe of image i: the seed it came from, or the --latent itself, and its class.
  const auto recipe = [&](const std::string& seed, int image_class) {
    PngText text = recipeText(*g, {o.checkpoint, o.truncation, style, directions, image_class});
    if (o.latent.empty()) text.emplace_back("Seed", seed);
    else addSeedsText(text, {std::nullopt}, {recorded});
    return text;
  };

  if (!o.out.empty() && class_rows) {
    PngText text = recipe(std::to_string(o.seed) + " (column j of every row uses seed " + std::to_string(o.seed) +
                              " + j)", -1);
    std::string rows;
    const std::vector<std::string> names = g->classNames();
    for (int k = 0; k < num_classes; ++k) rows += (k ? ", " : "") + std::to_string(k) + " " + names[size_t(k)];
    text.emplace_back("Classes", "one row per class: " + rows);
    text.emplace_back("Grid", std::to_string(layout.cols) + "x" + std::to_string(layout.rows));
    writePng(o.out, tileGrid(images, layout.cols, /*padding=*/2), text);
    std::printf("wrote %s: one row per class (%d rows: %s), %d columns, seeds %llu-%llu\n", o.out.c_str(),
                num_classes, rows.c_str(), layout.cols, static_cast<unsigned long long>(o.seed),
                static_cast<unsigned long long>(o.seed + layout.cols - 1));
    return 0;
  }
  if (!o.out.empty()) {
    PngText text = recipe(std::to_string(o.seed) + " (image i of the grid, row by row, uses seed " +
                              std::to_string(o.seed) + " + i)",
                          classes.size() == 1 ? classes.front() : the_class);
    text.emplace_back("Grid", std::to_string(o.cols) + "x" + std::to_string(o.rows));
    writePng(o.out, tileGrid(images, o.cols, /*padding=*/2), text);
    std::printf("wrote %s: %d images, %dx%d grid, seeds %llu-%llu%s\n", o.out.c_str(), o.n, o.cols, o.rows,
                static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(o.seed + o.n - 1),
                the_class >= 0 ? (", class " + std::to_string(the_class) + " " +
                                  g->classNames()[size_t(the_class)]).c_str()
                               : "");
    return 0;
  }

  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) throw fileError(o.out_dir, "cannot create folder (" + ec.message() + ")");
  for (int i = 0; i < o.n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/sample_%04d.png", i);
    writePng(o.out_dir + name, images[i], recipe(std::to_string(o.seed + i), classes.empty() ? -1 : classes[size_t(i)]));
  }
  std::printf("wrote %d images to %s (sample_0000.png ...), seeds %llu-%llu\n", o.n, o.out_dir.c_str(),
              static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(o.seed + o.n - 1));
  return 0;
}

}  // namespace gs::cli

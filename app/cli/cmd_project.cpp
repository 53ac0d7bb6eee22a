// `ganscope-cli project`: finds a picture in a generator (explore/projector.h) and writes the latent as a file
// that `sample --latent` renders again.
#include <unistd.h>

#include <csignal>
#include <cstdio>

#include "commands.h"
#include "explore/generator_session.h"
#include "explore/latent_record.h"
#include "explore/projector.h"
#include "export/png_export.h"
#include "export/recipe_text.h"
#include "options.h"
#include "progress_bar.h"
#include "util/atomic_file.h"

namespace gs::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void onInterrupt(int) { g_interrupted = 1; }

}  // namespace

int runProject(const std::vector<std::string>& args) {
  const ProjectOptions o = parseProjectOptions(args);
  if (o.help) {
    std::fputs(projectUsage(), stdout);
    return 0;
  }
  const auto g = GeneratorSession::open(o.checkpoint);
  Projector projector(g);
  const ImageU8 target = projector.loadTarget(o.image);
  ProjectionOptions options;
  if (!o.space.empty()) options.space = latentSpaceFromName(o.space);
  options.steps = o.steps;
  options.seed = o.seed;

  // Ctrl-C stops early and still writes the latent reached so far.
  std::signal(SIGINT, onInterrupt);
  ProgressBar bar(stderr, ::isatty(STDERR_FILENO) != 0, o.steps, /*log_every=*/50);
  char text[64];
  const ProjectionResult r = projector.run(
      target, options,
      [&](const ProjectionProgress& p) {
        std::snprintf(text, sizeof text, "loss %.5f", p.loss);
        bar.update(p.step, text);
      },
      [] { return g_interrupted != 0; });
  bar.finish();
  std::signal(SIGINT, SIG_DFL);
  if (!r.note.empty()) std::fprintf(stderr, "%s: %s\n", o.checkpoint.c_str(), r.note.c_str());

  writeFileAtomic(o.out, latentRecordToJson(r.latent));
  if (!o.save_image.empty()) {
    // The recipe renders it again, in the app too: z, or the anchor z with the w offsets.
    StyleControls style;
    const std::vector<float> z = latentForRendering(*g, r.latent, style);
    PngText recipe = recipeText(*g, {o.checkpoint, 1.0f, style, ""});
    addSeedsText(recipe, {std::nullopt}, {z});
    recipe.emplace_back("Projected from", o.image);
    writePng(o.save_image, r.image, recipe);
  }
  std::printf("wrote %s: %s latent after %d steps%s (%.1f s), loss %.5f, mean pixel error %.2f levels (from %.2f)\n",
              o.out.c_str(), latentSpaceName(r.latent.space), r.steps_done, r.cancelled ? ", stopped early" : "",
              r.seconds, r.loss, r.pixel_error, r.start_pixel_error);
  return 0;
}

}  // namespace gs::cli

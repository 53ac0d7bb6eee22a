// `ganscope-cli video`: an animation from a checkpoint, written as MP4 or animated PNG and labelled AI-generated
// with its recipe (seeds, frames, truncation, style controls, directions, model fingerprint): a latent walk
// (spherical interpolation through the latents of --seeds, optionally back to the first) or, with --sweep K, each
// seed swept along edit direction K.
#include <algorithm>
#include <cstdio>

#include <unistd.h>

#include "commands.h"
#include "explore/generator_session.h"
#include "explore/latent_walk.h"
#include "export/animation_export.h"
#include "export/animation_render.h"
#include "export/recipe_text.h"
#include "options.h"
#include "render_recipe.h"

namespace gs::cli {

namespace {

// A sweep along one direction for each seed (GANSpace's videos), on top of the --directions edit.
// The frames are latents, each with its own style controls when `styles` is not empty (a sweep in w).
SweepFrames sweepEverySeed(GeneratorSession& g, const VideoOptions& o, const StyleControls& style,
                           std::string& recorded) {
  const DirectionsArg d = loadDirections(g, o.directions);
  SweepFrames frames;
  const int layers = int(g.styleLayerResolutions().size());
  for (uint64_t seed : o.seeds) {
    SweepFrames sweep =
        sweepFrames(d.directions, d.edit, o.sweep, o.sigma, o.frames, g.latentForSeed(seed), style, layers, g.wDim());
    for (auto& z : sweep.latents) frames.latents.push_back(std::move(z));
    for (auto& s : sweep.styles) frames.styles.push_back(std::move(s));
  }
  recorded = sweepRecipe(d.directions, d.edit, o.sweep, o.sigma);
  return frames;
}

}  // namespace

int runVideo(const std::vector<std::string>& args) {
  const VideoOptions o = parseVideoOptions(args);
  if (o.help) {
    std::fputs(videoUsage(), stdout);
    return 0;
  }
  const auto g = GeneratorSession::open(o.checkpoint);
  StyleControls style = loadStyleControls(*g, o.style, o.checkpoint);
  std::vector<std::vector<float>> keys;
  std::string seeds;
  for (uint64_t s : o.seeds) {
    keys.push_back(g->latentForSeed(s));
    seeds += (seeds.empty() ? "" : ",") + std::to_string(s);
  }
  SweepFrames frames;  // a walk uses the latents only: every frame has `style`
  std::string directions;
  if (o.sweep >= 0) {
    frames = sweepEverySeed(*g, o, style, directions);
  } else {
    frames.latents = latentWalk(keys, o.frames, o.loop);
    directions = applyDirectionsArg(*g, o.directions, frames.latents, style);
  }
  const std::vector<std::vector<float>>& path = frames.latents;
  const int resolution = g->config().resolution;
  const int scale = o.scale > 0 ? o.scale : videoScale(resolution);

  PngText text = recipeText(*g, {o.checkpoint, o.truncation, style, directions});
  if (o.sweep >= 0)
    text.emplace_back("Direction sweep", "seeds " + seeds + ", " + std::to_string(o.frames) + " frames per seed, " +
                                             std::to_string(o.fps) + " fps");
  else
    text.emplace_back("Latent walk", latentWalkRecipe(o.seeds, o.frames, o.loop, o.fps));
  auto writer = AnimationWriter::open(o.out, o.fps, std::move(text));
  const bool tty = isatty(fileno(stdout));
  BatchRenderOptions render;
  render.truncation = o.truncation;
  render.style = style;
  render.frame_styles = frames.styles;  // a w sweep: every frame has its own controls
  render.progress = [tty](size_t done, size_t total) {
    if (tty) std::printf("\rrendering frame %zu / %zu", done, total);
    std::fflush(stdout);
  };
  renderAnimation(*writer, *g, path, scale, render);
  writer->finish();
  if (tty) std::printf("\n");
  std::printf("wrote %s: %d frames, %dx%d px, %d fps (%.1f s), seeds %s%s\n", o.out.c_str(), writer->frames(),
              resolution * scale, resolution * scale, o.fps, double(writer->frames()) / o.fps, seeds.c_str(),
              o.sweep >= 0 ? (" (direction " + std::to_string(o.sweep) + " swept)").c_str() : o.loop ? " (loops)" : "");
  return 0;
}

}  // namespace gs::cli

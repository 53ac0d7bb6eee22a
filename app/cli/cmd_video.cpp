// `ganscope-cli video`: a latent-walk animation from a checkpoint - spherical interpolation through the latents
// of --seeds, optionally back to the first - written as MP4 or animated PNG, labelled AI-generated with the
// recipe (seeds, frames, truncation, style controls, model fingerprint).
#include <algorithm>
#include <cstdio>

#include <unistd.h>

#include "commands.h"
#include "explore/generator_session.h"
#include "explore/latent_walk.h"
#include "export/animation_export.h"
#include "options.h"
#include "render_recipe.h"

namespace gs::cli {

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
  std::vector<std::vector<float>> path = latentWalk(keys, o.frames, o.loop);
  const std::string directions = applyDirectionsArg(*g, o.directions, path, style);
  const int resolution = g->config().resolution;
  const int scale = o.scale > 0 ? o.scale : std::max(1, (256 + resolution - 1) / resolution);

  PngText text = renderRecipe(*g, o.checkpoint, o.truncation, style);
  text.emplace_back("Latent walk", "spherical through seeds " + seeds + (o.loop ? " and back to the first" : "") +
                                       ", " + std::to_string(o.frames) + " frames per seed, " +
                                       std::to_string(o.fps) + " fps");
  if (!directions.empty()) text.emplace_back("Directions", directions);
  auto writer = AnimationWriter::open(o.out, o.fps, std::move(text));
  const bool tty = isatty(fileno(stdout));
  constexpr size_t kChunk = 16;  // renders in batches; memory stays small for long walks
  for (size_t first = 0; first < path.size(); first += kChunk) {
    const std::vector<std::vector<float>> chunk(path.begin() + first,
                                                path.begin() + std::min(path.size(), first + kChunk));
    for (const ImageU8& frame : g->renderBatch(chunk, o.truncation, style)) writer->add(upscaleNearest(frame, scale));
    if (tty) std::printf("\rrendering frame %zu / %zu", std::min(path.size(), first + kChunk), path.size());
    std::fflush(stdout);
  }
  writer->finish();
  if (tty) std::printf("\n");
  std::printf("wrote %s: %d frames, %dx%d px, %d fps (%.1f s), seeds %s%s\n", o.out.c_str(), writer->frames(),
              resolution * scale, resolution * scale, o.fps, double(writer->frames()) / o.fps, seeds.c_str(),
              o.loop ? " (loops)" : "");
  return 0;
}

}  // namespace gs::cli

// Flags of the commands that read a checkpoint: sample, info, export-generator, health, project.
#include <algorithm>
#include <cmath>

#include "args.h"
#include "options.h"
#include "explore/latent_seed.h"
#include "util/error.h"

namespace gs::cli {

SampleOptions parseSampleOptions(const std::vector<std::string>& args) {
  SampleOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t("sample");
  t.value("--checkpoint", [&o](const std::string& v) { o.checkpoint = v; });
  t.value("--n", [&o](const std::string& v) { o.n = static_cast<int>(parseInteger("--n", v, 1, 65536)); });
  t.value("--seed", [&o](const std::string& v) { o.seed = parseUnsigned("--seed", v); });
  t.value("--truncation",
          [&o](const std::string& v) { o.truncation = static_cast<float>(parseNumber("--truncation", v, 0.0, 1.0)); });
  t.value("--grid", [&o](const std::string& v) { parseGrid("--grid", v, o.cols, o.rows); });
  t.value("--out", [&o](const std::string& v) { o.out = v; });
  t.value("--out-dir", [&o](const std::string& v) { o.out_dir = v; });
  t.value("--style", [&o](const std::string& v) { o.style = v; });
  t.value("--directions", [&o](const std::string& v) { o.directions = v; });
  t.value("--latent", [&o](const std::string& v) { o.latent = v; });
  t.value("--class", [&o](const std::string& v) { o.class_text = v; });
  t.parse(args);
  o.grid_given = t.given().count("--grid") > 0;
  o.n_given = t.given().count("--n") > 0;

  if (o.checkpoint.empty()) throw UsageError("--checkpoint FILE is required");
  if (!o.latent.empty()) {
    if (t.given().count("--n") && o.n != 1) throw UsageError("--latent renders one image: leave out --n");
    if (t.given().count("--seed")) throw UsageError("give --seed or --latent, not both");
    o.n = 1;
  }
  if (o.out.empty() == o.out_dir.empty())
    throw UsageError("give exactly one of --out grid.png or --out-dir DIR");
  const bool has_n = t.given().count("--n") > 0;
  if (o.cols > 0) {
    if (!has_n) {
      o.n = o.cols * o.rows;
    } else if (o.n > o.cols * o.rows) {
      throw UsageError("--grid " + std::to_string(o.cols) + "x" + std::to_string(o.rows) +
                       " holds fewer than --n " + std::to_string(o.n) + " images");
    }
  } else {
    o.cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(o.n))));
    o.rows = (o.n + o.cols - 1) / o.cols;
  }
  return o;
}

VideoOptions parseVideoOptions(const std::vector<std::string>& args) {
  VideoOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t("video");
  t.value("--checkpoint", [&o](const std::string& v) { o.checkpoint = v; });
  t.value("--out", [&o](const std::string& v) { o.out = v; });
  t.value("--seeds", [&o](const std::string& v) {
    try {
      o.seeds = parseSeedList(v);
    } catch (const GanscopeError& e) {
      throw UsageError(std::string("--seeds: ") + e.what());
    }
  });
  t.value("--frames", [&o](const std::string& v) { o.frames = int(parseInteger("--frames", v, 1, 1000)); });
  t.value("--fps", [&o](const std::string& v) { o.fps = int(parseInteger("--fps", v, 1, 120)); });
  t.value("--scale", [&o](const std::string& v) { o.scale = int(parseInteger("--scale", v, 1, 16)); });
  t.toggle("--no-loop", [&o] { o.loop = false; });
  t.value("--truncation",
          [&o](const std::string& v) { o.truncation = static_cast<float>(parseNumber("--truncation", v, 0.0, 1.0)); });
  t.value("--style", [&o](const std::string& v) { o.style = v; });
  t.value("--directions", [&o](const std::string& v) { o.directions = v; });
  t.value("--sweep", [&o](const std::string& v) { o.sweep = int(parseInteger("--sweep", v, 0, 63)); });
  t.value("--sigma", [&o](const std::string& v) { o.sigma = float(parseNumber("--sigma", v, 0.1, 10.0)); });
  t.parse(args);
  if (o.checkpoint.empty()) throw UsageError("--checkpoint FILE is required");
  if (o.out.empty()) throw UsageError("--out walk.mp4 (or walk.png for an animated PNG) is required");
  if (o.sweep < 0 && o.seeds.size() < 2) throw UsageError("--seeds needs at least two seeds, e.g. --seeds 0,1,2,3");
  if (o.sweep >= 0 && o.frames < 2) throw UsageError("--sweep needs --frames 2 or more");
  return o;
}

namespace {

CheckpointOptions parseCheckpointOptions(const std::vector<std::string>& args, const std::string& command,
                                         bool needs_out) {
  CheckpointOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t(command);
  t.value("--checkpoint", [&o](const std::string& v) { o.checkpoint = v; });
  if (needs_out) t.value("--out", [&o](const std::string& v) { o.out = v; });
  t.parse(args);
  if (o.checkpoint.empty()) throw UsageError("--checkpoint FILE is required");
  if (needs_out && o.out.empty()) throw UsageError("--out FILE is required");
  return o;
}

}  // namespace

CheckpointOptions parseInfoOptions(const std::vector<std::string>& args) {
  return parseCheckpointOptions(args, "info", false);
}

CheckpointOptions parseExportOptions(const std::vector<std::string>& args) {
  return parseCheckpointOptions(args, "export-generator", true);
}

HealthCommandOptions parseHealthOptions(const std::vector<std::string>& args) {
  HealthCommandOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t("health");
  t.value("--checkpoint", [&o](const std::string& v) { o.checkpoint = v; });
  t.value("--data", [&o](const std::string& v) { o.data = v; });
  t.value("--trials", [&o](const std::string& v) { o.trials = static_cast<int>(parseInteger("--trials", v, 0, 1000)); });
  t.value("--real", [&o](const std::string& v) { o.real = static_cast<int>(parseInteger("--real", v, 2, 100000)); });
  t.parse(args);
  if (o.checkpoint.empty()) throw UsageError("--checkpoint FILE is required");
  return o;
}

ProjectOptions parseProjectOptions(const std::vector<std::string>& args) {
  ProjectOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t("project");
  t.value("--checkpoint", [&o](const std::string& v) { o.checkpoint = v; });
  t.value("--image", [&o](const std::string& v) { o.image = v; });
  t.value("--out", [&o](const std::string& v) { o.out = v; });
  t.value("--save-image", [&o](const std::string& v) { o.save_image = v; });
  t.value("--steps", [&o](const std::string& v) { o.steps = int(parseInteger("--steps", v, 1, 100000)); });
  t.value("--seed", [&o](const std::string& v) { o.seed = parseUnsigned("--seed", v); });
  t.value("--space", [&o](const std::string& v) {
    if (v != "z" && v != "w" && v != "w+") throw UsageError("--space: expected z, w or w+, got '" + v + "'");
    o.space = v;
  });
  t.parse(args);
  if (o.checkpoint.empty()) throw UsageError("--checkpoint FILE is required");
  if (o.image.empty()) throw UsageError("--image IMG is required");
  if (o.out.empty()) throw UsageError("--out latent.json is required");
  return o;
}

TranslateOptions parseTranslateOptions(const std::vector<std::string>& args) {
  TranslateOptions o;
  if (wantsHelp(args)) {
    o.help = true;
    return o;
  }
  FlagTable t("translate");
  t.value("--checkpoint", [&o](const std::string& v) { o.checkpoint = v; });
  t.value("--input", [&o](const std::string& v) { o.input = v; });
  t.value("--out", [&o](const std::string& v) { o.out = v; });
  t.toggle("--from-photo", [&o] { o.edges_from_photo = true; });
  t.value("--direction", [&o](const std::string& v) {
    if (v == "a2b" || v == "a-to-b")
      o.reverse = false;
    else if (v == "b2a" || v == "b-to-a")
      o.reverse = true;
    else
      throw UsageError("--direction: expected a2b or b2a, got '" + v + "'");
  });
  t.parse(args);
  if (o.checkpoint.empty()) throw UsageError("--checkpoint FILE is required");
  if (o.input.empty()) throw UsageError("--input IMG|DIR is required");
  if (o.out.empty()) throw UsageError("--out OUT.png|DIR is required");
  return o;
}

}  // namespace gs::cli


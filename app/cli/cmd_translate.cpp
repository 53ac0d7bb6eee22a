// `ganscope-cli translate`: one image or a folder of images through an image-to-image checkpoint, each output a
// labelled PNG with its recipe.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "args.h"
#include "commands.h"
#include "export/png_export.h"
#include "options.h"
#include "translate/image_translator.h"
#include "util/error.h"

namespace gs::cli {
namespace {

namespace fs = std::filesystem;

void translateOne(const ImageTranslator& t, const std::string& in_path, const std::string& out_path,
                  bool from_photo, bool reverse) {
  const TranslationInput in = readTranslationInput(in_path);
  const ImageU8 out = t.translate(in.image, from_photo, reverse);
  writePng(out_path, out, t.recipe(in, from_photo, reverse));
}

// Files under `dir`, recursively, sorted; hidden ones left out.
std::vector<fs::path> inputFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int runTranslate(const std::vector<std::string>& args) {
  const TranslateOptions o = parseTranslateOptions(args);
  if (o.help) {
    std::fputs(translateUsage(), stdout);
    return 0;
  }
  std::error_code ec;
  if (!fs::exists(o.input, ec)) throw fileError(o.input, "no such file or folder");
  const ImageTranslator t(o.checkpoint);
  if (o.edges_from_photo && !t.edgesModel())
    throw UsageError("--from-photo is for edges models (trained with --pairs edges); this one translates " +
                     t.directionText());
  if (o.reverse && !t.twoWay())
    throw UsageError("--direction b2a needs a two-way (cyclegan) checkpoint; this " +
                     toString(t.config().model.kind) + " one translates " + t.directionText() + " only");
  std::printf("model %s: %s, %d px, step %lld\n", o.checkpoint.c_str(), t.directionText(o.reverse).c_str(),
              t.config().model.resolution, static_cast<long long>(t.step()));

  if (!fs::is_directory(o.input)) {
    translateOne(t, o.input, o.out, o.edges_from_photo, o.reverse);
    std::printf("wrote %s\n", o.out.c_str());
    return 0;
  }
  // A folder: every image into OUT/<same relative path>.png; files that aren't images are reported and skipped.
  int written = 0, failed = 0;
  for (const fs::path& f : inputFiles(o.input)) {
    fs::path target = fs::path(o.out) / fs::relative(f, o.input);
    target.replace_extension(".png");
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw fileError(target.parent_path().string(), "cannot create folder (" + ec.message() + ")");
    try {
      translateOne(t, f.string(), target.string(), o.edges_from_photo, o.reverse);
      ++written;
    } catch (const GanscopeError& e) {
      std::fprintf(stderr, "skipped %s\n", e.what());
      ++failed;
    }
  }
  std::printf("wrote %d image(s) to %s%s\n", written, o.out.c_str(),
              failed ? (", " + std::to_string(failed) + " skipped").c_str() : "");
  if (written == 0) throw fileError(o.input, "no image could be translated");
  return 0;
}

}  // namespace gs::cli

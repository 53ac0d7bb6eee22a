// `ganscope-cli info` and `ganscope-cli export-generator`: look inside a checkpoint, or slim it down to the
// generator alone (the bundled demo is made this way).
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "models/networks.h"
#include "options.h"
#include "training/checkpoint.h"

namespace gs::cli {

int runInfo(const std::vector<std::string>& args) {
  const CheckpointOptions o = parseInfoOptions(args);
  if (o.help) {
    std::fputs(infoUsage(), stdout);
    return 0;
  }
  const CheckpointFile file = readCheckpointFile(o.checkpoint);
  const CheckpointHeader& h = file.header;
  std::printf("checkpoint  %s\n", o.checkpoint.c_str());
  std::printf("kind        %s\n", h.kind.c_str());
  std::printf("step        %lld\n", static_cast<long long>(h.step));
  std::printf("images seen %lld\n", static_cast<long long>(h.images_seen));
  std::printf("data        %s (fingerprint %s)\n", h.config.data.path.c_str(),
              h.fingerprint.empty() ? "none" : h.fingerprint.c_str());
  std::printf("created     %s by GANscope %s\n", h.created.c_str(), h.program_version.c_str());
  std::printf("size        %.1f MB\n", std::filesystem::file_size(o.checkpoint) / 1e6);
  std::printf("config\n%s\n", toJson(h.config).c_str());
  return 0;
}

int runExport(const std::vector<std::string>& args) {
  const CheckpointOptions o = parseExportOptions(args);
  if (o.help) {
    std::fputs(exportUsage(), stdout);
    return 0;
  }
  const GeneratorFile g = loadGeneratorFile(o.checkpoint);
  saveGeneratorFile(o.out, *g.generator, g.config, g.step, g.fingerprint);
  std::printf("wrote %s: generator of step %lld, %.2f MB (checkpoint %.2f MB)\n", o.out.c_str(),
              static_cast<long long>(g.step), std::filesystem::file_size(o.out) / 1e6,
              std::filesystem::file_size(o.checkpoint) / 1e6);
  return 0;
}

}  // namespace gs::cli

// Fuzz target: checkpoint and generator-file loading. The first byte picks the mode: even, the bytes are a whole
// file (container checks: magic, version, sizes, CRC); odd, they are "header JSON \0 archive" wrapped in a valid
// container, so the header parser and the archive loader see the damage instead of the CRC check. Networks the
// header asks for are capped at 64 px and width 64 (a header may ask for far larger ones: see the note).
#include <filesystem>

#include "tiny_run_config.h"
#include "reliability/bad_corpus.h"
#include "temp_dir.h"
#include "fuzz_target.h"
#include "training/checkpoint.h"
#include "training/checkpoint_container.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "util/atomic_file.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2) {
    const size_t nul = bytes.find('\0');
    if (nul == std::string::npos) return 0;
    bytes = gs::encodeCheckpoint(bytes.substr(0, nul), bytes.substr(nul + 1));
  }
  try {
    const gs::CheckpointFile f = gs::decodeCheckpointFile(bytes, "fuzz.gsck");
    const gs::ModelConfig& m = f.header.config.model;
    if (m.resolution > 64 || m.g_width > 64 || m.d_width > 64 || m.latent_dim > 512 || m.w_dim > 512 ||
        m.mapping_layers > 8) {
      gs::fuzz::outcome("too large to build here");
      return 0;
    }
    gs::loadGeneratorBytes(bytes, "fuzz.gsck");
    gs::fuzz::outcome("ok");
  } catch (const gs::GanscopeError& e) {
    gs::fuzz::outcome(e.what());
  }
  return 0;
}

namespace gs::fuzz {

std::vector<std::string> seeds() {
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 8, 32, 32);
  TrainConfig c = tinyRunConfig(1, dir / "data");
  c.checkpoint_every = 1;
  c.threads = 1;
  trainRun(c, dir / "run", false, {});
  const std::string full = readFile(RunPaths{dir / "run"}.checkpointFile(1));
  const GeneratorFile g = loadGeneratorFile(RunPaths{dir / "run"}.checkpointFile(1));
  saveGeneratorFile(dir / "g.gsck", *g.generator, g.config, g.step);
  const std::string gen = readFile(dir / "g.gsck");
  std::vector<std::string> out;
  for (const std::string& file : {full, gen}) {
    out.push_back(std::string(1, '\0') + file);
    const CheckpointParts p = decodeCheckpoint(file, "seed");
    out.push_back(std::string(1, '\1') + p.header_json + std::string(1, '\0') + p.blob);
  }
  return out;
}

}  // namespace gs::fuzz

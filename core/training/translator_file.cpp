#include "training/translator_file.h"

#include "models/resnet_generator.h"
#include "models/unet.h"
#include "training/archive_io.h"
#include "training/checkpoint.h"
#include "util/error.h"

namespace gs {
namespace {

// Reads `key` of the archive into `net`, frozen for inference.
template <typename Net>
std::function<at::Tensor(const at::Tensor&)> frozen(Net net, torch::serialize::InputArchive& archive,
                                                    const char* key, const std::string& path) {
  try {
    readInto(archive, key, *net);
  } catch (const std::exception& e) {
    throw fileError(path, std::string("generator weights cannot be read (") + firstLine(e.what()) + ")");
  }
  net->eval();
  for (auto& p : net->parameters()) p.requires_grad_(false);
  return [net](const at::Tensor& x) mutable { return net->forward(x); };
}

}  // namespace

TranslatorFile loadTranslatorFile(const std::string& path) {
  const CheckpointFile file = readCheckpointFile(path);
  const CheckpointHeader& h = file.header;
  const ModelConfig& m = h.config.model;
  if (!isTranslationModel(m.kind))
    throw fileError(path, "holds a " + toString(m.kind) +
                              " model, which draws images from latents: translate needs an image-to-image "
                              "(pix2pix or cyclegan) checkpoint; use `ganscope-cli sample` for this one");
  TranslatorFile out;
  out.config = h.config;
  out.step = h.step;
  out.fingerprint = h.fingerprint;
  torch::serialize::InputArchive archive;
  archiveFromBytes(archive, file.blob, path, "cpu");
  try {
    if (m.kind == ModelKind::CycleGan) {
      out.a_to_b = frozen(ResnetGenerator(m, m.input_channels, m.channels), archive, "G_AB", path);
      out.b_to_a = frozen(ResnetGenerator(m, m.channels, m.input_channels), archive, "G_BA", path);
    } else {
      out.a_to_b = frozen(UNetGenerator(m), archive, "G", path);
    }
  } catch (const GanscopeError& e) {
    const std::string what = e.what();
    if (what.rfind(path, 0) == 0) throw;
    throw fileError(path, what);
  }
  return out;
}

}  // namespace gs

#include "training/run_quality.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "data/idx_reader.h"
#include "data/image_dataset.h"
#include "metrics/fashion_mnist.h"
#include "metrics/health_probe.h"
#include "metrics/sliced_wasserstein.h"
#include "training/checkpoint.h"
#include "training/jsonl_file.h"
#include "training/trainer.h"
#include "util/atomic_file.h"
#include "util/seeded_stream.h"

namespace gs {
namespace {

constexpr int64_t kImages = 1024;  // per side; SWD sorts every patch, so this sets the cost (~2 s at 32 px)

std::vector<QualityRecord> readRecords(const std::string& path) {
  std::vector<QualityRecord> out;
  if (!std::filesystem::exists(path)) return out;
  const std::string text = readFile(path);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a torn last line
    QualityRecord r;
    if (parseQualityLine(text.substr(start, end - start), r)) out.push_back(r);
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string heldOutIdxFile(const std::string& train_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A Fashion-MNIST folder trains on the train-images file inside it.
  const fs::path p(fs::is_directory(train_path, ec) ? trainImagesIdxIn(train_path) : train_path);
  const std::string name = p.filename().string();
  if (name.rfind("train-images-idx3-ubyte", 0) != 0) return "";
  const fs::path held = p.parent_path() / ("t10k" + name.substr(5));
  return fs::exists(held) ? held.string() : "";
}

RunQuality::RunQuality(const TrainConfig& config, const RunPaths& paths, const ImageDataset& data)
    : config_(config), paths_(paths) {
  const std::string held = data.channels() == 1 ? heldOutIdxFile(config.data.path) : "";
  if (!held.empty()) {
    real_ = loadIdxTensor(held, data.resolution(), kImages);
    reference_ = std::to_string(real_.size(0)) + " held-out images of " +
                 std::filesystem::path(held).filename().string();
  } else {
    real_ = realSample(data, std::min<int64_t>(kImages, data.size()), deriveSeed(config.seed, 6));
    reference_ = std::to_string(real_.size(0)) + " training images (no held-out set next to the data)";
  }
  at::Generator gen = at::detail::createCPUGenerator(deriveSeed(config.seed, 7));
  z_ = at::randn({real_.size(0), config.model.latent_dim}, gen, at::TensorOptions(at::kFloat));
  writer_ = std::make_unique<JsonlAppender>(paths_.quality());
}

RunQuality::~RunQuality() = default;

QualityRecord RunQuality::measure(Trainer& trainer) {
  std::vector<at::Tensor> parts;
  for (int64_t i = 0; i < z_.size(0); i += 256) parts.push_back(trainer.sample(z_.slice(0, i, i + 256), true));
  // Rounded to 8 bits like the saved samples, so the measure sees what the user sees.
  const at::Tensor fake = at::cat(parts).clamp(-1, 1).add(1).mul(127.5).round().div(127.5).sub(1);
  SwdOptions o;
  o.patches_per_image = 64;
  o.repeats = 2;
  o.seed = config_.seed;
  const SwdResult swd = slicedWassersteinDistance(real_, fake, o);
  QualityRecord r;
  r.step = trainer.stepCount();
  r.swd = swd.mean;
  r.swd_levels = swd.levels;
  r.images = real_.size(0);
  r.reference = reference_;
  judgeQuality(records_, r);
  if (r.best) trainer.save(paths_.bestCheckpoint());
  records_.push_back(r);
  writer_->append(qualityLine(r));
  return r;
}

void RunQuality::rewind(int64_t step) {
  writer_.reset();
  truncateJsonl(paths_.quality(), step, [](const std::string& line, int64_t& s) {
    QualityRecord r;
    if (!parseQualityLine(line, r)) return false;
    s = r.step;
    return true;
  });
  records_ = readRecords(paths_.quality());
  const std::string best = paths_.bestCheckpoint();
  if (std::filesystem::exists(best)) {
    bool stale = true;
    try {
      stale = readCheckpointFile(best).header.step > step;
    } catch (const std::exception&) {
    }
    if (stale) std::filesystem::remove(best);
  }
  writer_ = std::make_unique<JsonlAppender>(paths_.quality());
}

}  // namespace gs

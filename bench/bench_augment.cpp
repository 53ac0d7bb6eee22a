// Augmentation on small folders: scores finished run folders (trained by ganscope-cli with --augment none / ada /
// diffaug on Fashion-MNIST subsets) side by side, one line per run:
//   - overfitting: mean D(x) and r_t = E[sign(D(real))] over the last fifth of the logged steps, final and
//     largest p (metrics.jsonl);
//   - the run's own health and quality measures: last pixel / feature diversity ratio and duplicate share
//     (health.jsonl), last and best SWD (quality.jsonl);
//   - FID in the Fashion-MNIST classifier's 128 features (metrics/fashion_mnist.h) of the final EMA generator
//     against the held-out t10k images, and against the run's own training images;
//   - memorisation: mean RMS distance (0..255) from 64 samples to their nearest training image, next to the same
//     for 64 held-out test images (what an unseen real image scores).
//   bench_augment --data /usr/share/datasets/fashion-mnist --cache build/fmnist_classifier_v1.pt RUN...
#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "data/image_dataset.h"
#include "metrics/fashion_mnist.h"
#include "metrics/feature_classifier.h"
#include "metrics/feature_distance.h"
#include "metrics/health_probe.h"
#include "metrics/health_record.h"
#include "metrics/nearest_image.h"
#include "metrics/quality_record.h"
#include "models/networks.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "training/run_quality.h"
#include "util/error.h"
#include "util/tensor_image.h"

namespace {

// Every line of a JSONL file that `parse` accepts.
template <typename T>
std::vector<T> readLines(const std::string& path, const std::function<bool(const std::string&, T&)>& parse) {
  std::vector<T> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    T v;
    if (parse(line, v)) out.push_back(v);
  }
  return out;
}

at::Tensor generate(gs::GeneratorNet& g, int latent_dim, int64_t n) {
  torch::NoGradGuard no_grad;
  at::Generator gen = at::detail::createCPUGenerator(12345);
  const at::Tensor z = at::randn({n, latent_dim}, gen, at::TensorOptions(at::kFloat));
  std::vector<at::Tensor> parts;
  for (int64_t i = 0; i < n; i += 250) parts.push_back(g.forward(z.slice(0, i, i + 250)));
  // Rounded to 8 bits like the saved samples.
  return at::cat(parts).clamp(-1, 1).add(1).mul(127.5).round().div(127.5).sub(1);
}

double meanNearest(const gs::ImageDataset& data, const at::Tensor& images) {
  double sum = 0;
  const auto list = gs::tensorToImages(images);
  for (const auto& im : list) sum += gs::nearestTrainingImages(data, im, 1).front().rms;
  return sum / double(list.size());
}

void scoreRun(const std::string& run, const std::string& data_dir, gs::FeatureClassifier& classifier, int64_t n) {
  const gs::TrainConfig config = gs::readRunConfig(run);
  const gs::RunPaths paths{run};
  const auto metrics = readLines<gs::StepStats>(paths.metrics(), [](const std::string& l, gs::StepStats& s) {
    return gs::parseMetricsLine(l, s);
  });
  if (metrics.empty()) throw gs::fileError(paths.metrics(), "no metrics lines");
  const size_t tail = metrics.size() - std::max<size_t>(1, metrics.size() / 5);
  double d_real = 0, rt = 0, p_max = 0;
  for (size_t i = tail; i < metrics.size(); ++i) {
    d_real += metrics[i].d_real;
    rt += metrics[i].ada_rt;
  }
  for (const auto& s : metrics) p_max = std::max(p_max, s.augment_p);
  d_real /= double(metrics.size() - tail);
  rt /= double(metrics.size() - tail);
  const auto health = readLines<gs::HealthRecord>(paths.health(), [](const std::string& l, gs::HealthRecord& h) {
    return gs::parseHealthLine(l, h);
  });
  const auto quality = readLines<gs::QualityRecord>(paths.quality(), [](const std::string& l, gs::QualityRecord& q) {
    return gs::parseQualityLine(l, q);
  });
  double best_swd = NAN;
  for (const auto& q : quality)
    if (!(q.swd >= best_swd)) best_swd = q.swd;

  // The final EMA generator against held-out and training images.
  const auto checkpoints = gs::listCheckpoints(run);
  if (checkpoints.empty()) throw gs::fileError(run, "no checkpoints");
  const gs::GeneratorFile g = gs::loadGeneratorFile(checkpoints.back());
  const at::Tensor fake = generate(*g.generator, config.model.latent_dim, n);
  const std::string held = gs::heldOutIdxFile(data_dir);
  const at::Tensor test = gs::loadIdxTensor(held, config.model.resolution, n);
  gs::DataConfig dc = config.data;
  dc.path = data_dir;
  const auto data = gs::ImageDataset::load(dc, {}, {});
  const at::Tensor train = gs::realSample(*data, std::min<int64_t>(n, data->size()), 7);
  const at::Tensor f_fake = classifier.features(fake);
  const double fid_test = gs::frechetDistance(classifier.features(test), f_fake);
  const double fid_train = gs::frechetDistance(classifier.features(train), f_fake);
  const double near_fake = meanNearest(*data, fake.slice(0, 0, 64));
  const double near_test = meanNearest(*data, test.slice(0, 0, 64));

  const gs::HealthRecord h = health.empty() ? gs::HealthRecord{} : health.back();
  std::printf("%-28s %-7s %6lld img %6lld steps | D(x) %.3f r_t %+.3f p_end %.3f p_max %.3f | div px %.3f feat %.3f "
              "dup %.3f | SWD end %.1f best %.1f | FID test %.2f train %.2f | nearest %.1f (test %.1f)\n",
              std::filesystem::path(run).filename().c_str(), gs::toString(config.optim.augment).c_str(),
              static_cast<long long>(data->size()), static_cast<long long>(metrics.back().step), d_real, rt,
              metrics.back().augment_p, p_max, h.pixel_ratio, h.feature_ratio, h.duplicate_fraction,
              quality.empty() ? NAN : quality.back().swd, best_swd, fid_test, fid_train, near_fake, near_test);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "/usr/share/datasets/fashion-mnist", cache = "fmnist_classifier_v1.pt";
  int64_t n = 2000;
  std::vector<std::string> runs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--data" || a == "--cache" || a == "--samples") && i + 1 < argc) {
      const std::string v = argv[++i];
      if (a == "--data") data = v;
      else if (a == "--cache") cache = v;
      else n = std::atoll(v.c_str());
    } else {
      runs.push_back(a);
    }
  }
  if (runs.empty()) {
    std::fprintf(stderr, "usage: bench_augment [--data FMNIST_DIR] [--cache CLASSIFIER.pt] [--samples N] RUN...\n");
    return 2;
  }
  try {
    auto classifier = gs::fashionClassifier(data, cache, [](const std::string& l) { std::fprintf(stderr, "%s\n", l.c_str()); });
    for (const auto& run : runs) scoreRun(run, data, *classifier, n);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_augment: %s\n", e.what());
    return 1;
  }
  return 0;
}

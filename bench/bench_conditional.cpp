// Training images per second of the class-conditional model against the same model unconditional, at 32 and
// 64 px: full Trainer steps (batch loader, one D step, one G step, EMA) on synthetic labelled data, 10 classes.
// Usage: bench_conditional [--model dcgan|style] [--steps N] [--batch B] [--res R]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"
#include "training/trainer.h"
#include "util/device.h"
#include "util/process_env.h"
#include "step_rate.h"

namespace {

std::shared_ptr<gs::ImageDataset> labelledNoise(int resolution, int64_t n, int classes) {
  std::mt19937 rng(1);
  std::vector<uint8_t> px(static_cast<size_t>(n) * resolution * resolution);
  for (auto& v : px) v = static_cast<uint8_t>(rng());
  std::vector<int64_t> labels;
  std::vector<std::string> names;
  for (int64_t i = 0; i < n; ++i) labels.push_back(i % classes);
  for (int k = 0; k < classes; ++k) names.push_back(std::to_string(k));
  const auto images = gs::ImageDataset::fromPixels(std::move(px), n, 1, resolution, "noise");
  return gs::ImageDataset::withLabels(*images, std::move(labels), std::move(names));
}

double imagesPerSecond(gs::ModelKind kind, int resolution, bool conditional, int steps, int batch) {
  gs::TrainConfig c;
  c.model.kind = kind;
  c.optim = gs::defaultOptim(kind, resolution);
  c.data.resolution = c.model.resolution = resolution;
  c.data.class_labels = conditional;
  c.batch = batch;
  c.device = "cpu";
  c.optim.augment = gs::AugmentKind::None;
  gs::Trainer t(c, labelledNoise(resolution, 640, 10));
  return gs::bench::medianStepRate(t, steps);
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  gs::ModelKind kind = gs::ModelKind::Dcgan;
  int steps = 8, batch = 64;
  std::vector<int> resolutions{32, 64};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) kind = gs::parseModel(argv[++i]);
    else if (a == "--steps" && i + 1 < argc) steps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--batch" && i + 1 < argc) batch = std::max(2, std::atoi(argv[++i]));
    else if (a == "--res" && i + 1 < argc) resolutions = {std::atoi(argv[++i])};
    else {
      std::fprintf(stderr, "usage: bench_conditional [--model dcgan|style] [--steps N] [--batch B] [--res R]\n");
      return 2;
    }
  }
  std::printf("%s, batch %d, median of %d Trainer steps, 10 classes, %s\n", gs::toString(kind).c_str(), batch, steps,
              gs::describeDevice(gs::selectDevice("cpu")).c_str());
  for (int r : resolutions) {
    const double plain = imagesPerSecond(kind, r, false, steps, batch);
    const double cond = imagesPerSecond(kind, r, true, steps, batch);
    std::printf("%3d px: unconditional %7.1f images/s, conditional %7.1f images/s (%.0f%%)\n", r, plain, cond,
                100.0 * cond / plain);
    std::fflush(stdout);
  }
  return 0;
}

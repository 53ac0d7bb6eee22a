// Training images per second of pix2pix (U-Net G, PatchGAN D, L1 weight 100) at 32 and 64 px: full
// Pix2PixTrainer steps (paired batch loader, one D step, one G step) on synthetic edge -> colour pairs.
// Usage: bench_pix2pix [--steps N] [--batch B] [--res R] [--width W]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "data/paired_dataset.h"
#include "training/pix2pix_trainer.h"
#include "util/device.h"
#include "util/process_env.h"
#include "step_rate.h"

namespace {

gs::PairedDataset noisePairs(int resolution, int64_t n) {
  std::mt19937 rng(1);
  const size_t plane = static_cast<size_t>(resolution) * resolution;
  std::vector<uint8_t> a(plane * n), b(plane * n * 3);
  for (auto& v : a) v = static_cast<uint8_t>(rng());
  for (auto& v : b) v = static_cast<uint8_t>(rng());
  gs::PairedDataset d;
  d.a = gs::ImageDataset::fromPixels(std::move(a), n, 1, resolution, "noise A");
  d.b = gs::ImageDataset::fromPixels(std::move(b), n, 3, resolution, "noise B");
  return d;
}

double imagesPerSecond(int resolution, int steps, int batch, int width) {
  gs::TrainConfig c;
  c.model.kind = gs::ModelKind::Pix2Pix;
  c.optim = gs::defaultOptim(c.model.kind, resolution);
  c.data.resolution = c.model.resolution = resolution;
  c.model.g_width = c.model.d_width = width;
  c.batch = batch;
  c.device = "cpu";
  gs::Pix2PixTrainer t(c, noisePairs(resolution, 256));
  return gs::bench::medianStepRate(t, steps);
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  int steps = 8, batch = 16, width = 64;
  std::vector<int> resolutions{32, 64};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc) steps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--batch" && i + 1 < argc) batch = std::max(1, std::atoi(argv[++i]));
    else if (a == "--res" && i + 1 < argc) resolutions = {std::atoi(argv[++i])};
    else if (a == "--width" && i + 1 < argc) width = std::max(4, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: bench_pix2pix [--steps N] [--batch B] [--res R] [--width W]\n");
      return 2;
    }
  }
  std::printf("pix2pix edges (1 ch) -> RGB, widths %d, batch %d, median of %d steps, %s\n", width, batch, steps,
              gs::describeDevice(gs::selectDevice("cpu")).c_str());
  for (int r : resolutions) {
    std::printf("%3d px: %7.1f training images/s\n", r, imagesPerSecond(r, steps, batch, width));
    std::fflush(stdout);
  }
  return 0;
}

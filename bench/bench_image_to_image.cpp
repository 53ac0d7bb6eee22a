// Training images per second of the image-to-image models at 32 and 64 px on synthetic data:
// - pix2pix (U-Net G, PatchGAN D, L1 weight 100): Pix2PixTrainer steps (paired batch loader, one D step, one G
//   step) on edge (1 ch) -> colour pairs;
// - CycleGAN (ResNet G and F, two PatchGANs, cycle and identity losses, image pools): CycleGanTrainer steps on two
//   unpaired colour sets. One step reads a batch of each domain; images/s counts the A images (the paper's unit).
// Usage: bench_image_to_image [--model pix2pix|cyclegan|both] [--steps N] [--batch B] [--res R] [--width W]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "data/paired_dataset.h"
#include "data/unpaired_dataset.h"
#include "training/cyclegan_trainer.h"
#include "training/pix2pix_trainer.h"
#include "util/device.h"
#include "util/process_env.h"
#include "step_rate.h"

namespace {

std::shared_ptr<gs::ImageDataset> noise(int resolution, int64_t n, int channels, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> pixels(static_cast<size_t>(resolution) * resolution * channels * n);
  for (auto& v : pixels) v = static_cast<uint8_t>(rng());
  return gs::ImageDataset::fromPixels(std::move(pixels), n, channels, resolution, "noise");
}

gs::TrainConfig benchConfig(gs::ModelKind kind, int resolution, int batch, int width) {
  gs::TrainConfig c;
  c.model.kind = kind;
  c.optim = gs::defaultOptim(kind, resolution);
  c.data.resolution = c.model.resolution = resolution;
  c.model.g_width = c.model.d_width = width;
  c.batch = batch;
  c.device = "cpu";
  if (kind == gs::ModelKind::CycleGan) c.data.path_b = "noise B";  // the domains are handed to the trainer
  return c;
}

double imagesPerSecond(gs::ModelKind kind, int resolution, int steps, int batch, int width) {
  const gs::TrainConfig c = benchConfig(kind, resolution, batch, width);
  if (kind == gs::ModelKind::Pix2Pix) {
    gs::PairedDataset d;
    d.a = noise(resolution, 256, 1, 1);
    d.b = noise(resolution, 256, 3, 2);
    gs::Pix2PixTrainer t(c, d);
    return gs::bench::medianStepRate(t, steps);
  }
  gs::UnpairedDataset d;
  d.a = noise(resolution, 256, 3, 1);
  d.b = noise(resolution, 256, 3, 2);
  gs::CycleGanTrainer t(c, d);
  return gs::bench::medianStepRate(t, steps);
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  int steps = 8, batch = 16, width = 64;
  std::vector<int> resolutions{32, 64};
  std::vector<gs::ModelKind> models{gs::ModelKind::Pix2Pix, gs::ModelKind::CycleGan};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc) steps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--batch" && i + 1 < argc) batch = std::max(1, std::atoi(argv[++i]));
    else if (a == "--res" && i + 1 < argc) resolutions = {std::atoi(argv[++i])};
    else if (a == "--width" && i + 1 < argc) width = std::max(4, std::atoi(argv[++i]));
    else if (a == "--model" && i + 1 < argc) {
      const std::string m = argv[++i];
      if (m == "pix2pix") models = {gs::ModelKind::Pix2Pix};
      else if (m == "cyclegan") models = {gs::ModelKind::CycleGan};
      else if (m != "both") return std::fprintf(stderr, "--model: pix2pix, cyclegan or both\n"), 2;
    } else {
      std::fprintf(stderr,
                   "usage: bench_image_to_image [--model pix2pix|cyclegan|both] [--steps N] [--batch B] [--res R] "
                   "[--width W]\n");
      return 2;
    }
  }
  std::printf("image to image, widths %d, batch %d, median of %d steps, %s\n", width, batch, steps,
              gs::describeDevice(gs::selectDevice("cpu")).c_str());
  for (gs::ModelKind kind : models)
    for (int r : resolutions) {
      const char* name = kind == gs::ModelKind::Pix2Pix ? "pix2pix edges -> RGB" : "CycleGAN RGB <-> RGB";
      std::printf("%-21s %3d px: %7.1f training images/s\n", name, r, imagesPerSecond(kind, r, steps, batch, width));
      std::fflush(stdout);
    }
  return 0;
}

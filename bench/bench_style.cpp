// Style-based generator on the CPU: training images/s of full Trainer steps (NS loss, lazy R1, style mixing, EMA)
// and batch-1 render latency (eval mode, inference mode) at 32 and 64 px.
// Usage: bench_style [--res R] [--batch B] [--width W] [--steps N] [--renders N] [--path auto|grouped|separate]
//                    [--profile TRACE.json]   (the renders again under the autograd profiler: a chrome://tracing file)
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"
#include "models/modulated_conv.h"
#include "models/networks.h"
#include "training/trainer.h"
#include "util/device.h"
#include "util/process_env.h"

namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  std::vector<int> resolutions{32, 64};
  int batch = 32;
  int width = 64;
  int steps = 16;  // rounded up to whole R1 intervals
  int renders = 50;
  std::string profile;  // chrome trace of the renders ("": none)
};

gs::TrainConfig styleConfig(int resolution, const BenchOptions& o) {
  gs::TrainConfig c;
  c.data.resolution = c.model.resolution = resolution;
  c.model.kind = gs::ModelKind::Style;
  c.model.g_width = c.model.d_width = o.width;
  c.model.latent_dim = 128;
  c.optim = gs::defaultOptim(gs::ModelKind::Style, resolution);
  c.batch = o.batch;
  c.device = "cpu";
  return c;
}

// Noise images: the speed of a step doesn't depend on what the pixels show.
std::shared_ptr<gs::ImageDataset> noiseData(int resolution, int n) {
  std::mt19937 rng(1);
  std::vector<uint8_t> px(size_t(n) * resolution * resolution * 3);
  for (auto& v : px) v = uint8_t(rng());
  return gs::ImageDataset::fromPixels(std::move(px), n, 3, resolution, "noise");
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double percentile95(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(double(v.size()) * 0.95))];
}

void benchResolution(int resolution, const BenchOptions& o) {
  gs::Trainer trainer(styleConfig(resolution, o), noiseData(resolution, 2 * o.batch));
  trainer.step();  // warm-up (first allocations, oneDNN kernel choice)
  // Whole R1 intervals, so the lazy penalty's share of the cost is counted.
  const int interval = trainer.config().optim.r1_interval;
  const int steps = (std::max(o.steps, 1) + interval - 1) / interval * interval;
  const auto t0 = Clock::now();
  for (int i = 0; i < steps; ++i) trainer.step();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("style %3d px width %d: training %.1f images/s (batch %d, %d steps, R1 every %d)\n", resolution,
              o.width, steps * o.batch / seconds, o.batch, steps, interval);

  auto g = trainer.emaGenerator();
  g->eval();
  std::vector<double> ms;
  c10::InferenceMode guard;
  for (int i = 0; i < o.renders + 5; ++i) {
    const at::Tensor z = at::randn({1, trainer.config().model.latent_dim});
    const auto r0 = Clock::now();
    g->forward(z);
    if (i >= 5) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - r0).count());
  }
  std::printf("style %3d px width %d: batch-1 render median %.2f ms, p95 %.2f ms (%d renders)\n", resolution,
              o.width, median(ms), percentile95(ms), o.renders);
  std::fflush(stdout);
  if (!o.profile.empty()) {
    torch::autograd::profiler::RecordProfile record(o.profile);
    for (int i = 0; i < o.renders; ++i) g->forward(at::randn({1, trainer.config().model.latent_dim}));
  }
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  BenchOptions o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--res") o.resolutions = {std::atoi(v.c_str())};
    else if (a == "--batch") o.batch = std::max(2, std::atoi(v.c_str()));
    else if (a == "--width") o.width = std::max(4, std::atoi(v.c_str()));
    else if (a == "--steps") o.steps = std::max(1, std::atoi(v.c_str()));
    else if (a == "--renders") o.renders = std::max(1, std::atoi(v.c_str()));
    else if (a == "--profile") o.profile = v;
    else if (a == "--path") gs::setModulationPath(v == "grouped" ? gs::ModulationPath::Grouped
                                                  : v == "separate" ? gs::ModulationPath::Separate
                                                                    : gs::ModulationPath::Auto);
    else {
      std::fprintf(stderr, "usage: %s [--res R] [--batch B] [--width W] [--steps N] [--renders N] [--path P] [--profile F]\n",
                   argv[0]);
      return 2;
    }
  }
  std::printf("threads: %d\n", at::get_num_threads());
  for (int r : o.resolutions) benchResolution(r, o);
  return 0;
}

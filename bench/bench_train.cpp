// Full Trainer speed (D and G updates, EMA, batch loading): images/s as the median of several timed windows
// after warm-up. Synthetic data at 32 and 64 px by default, or a real folder:
//   bench_train                          # synthetic, 32 and 64 px, batch 64, DCGAN widths 64, nz 100
//   bench_train --data /tmp/emoji64 --res 64
//   bench_train --res 64 --threads 2 --batch 64 --windows 5 --steps 2 --loss wgan-gp --device cuda
//   bench_train --res 64 --precision bf16   # bf16 autocast (default auto: bf16 on a CPU with bf16 instructions)
//   bench_train --model style --res 64     # the style-based generator (its default optimiser, lazy R1)
//   bench_train --res 64 --profile step.json  # then: bench/profile_summary.py step.json (time per op)
//   bench_train --res 64 --g-fakes fresh    # G's step on new latents (a second G forward) instead of D's fakes
//   bench_train --res 64 --few-channel off  # image-side layers on the ordinary kernels (models/few_channel_conv.h)
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"
#include "models/few_channel_conv.h"
#include "training/trainer.h"
#include "util/device.h"
#include "util/error.h"
#include "util/process_env.h"

namespace {

struct Options {
  std::string data;
  int res = 0;  // 0: 32 and 64 (synthetic)
  int batch = 64;
  int threads = 0;
  int windows = 5;
  int steps = 2;  // steps per timed window
  std::string loss = "ns";
  std::string device = "auto";
  std::string precision = "auto";
  std::string model = "dcgan";
  std::string g_fakes;  // "": the model's default (reuse for DCGAN), else reuse or fresh
  std::string profile;  // chrome trace of a few steps ("": none); bench/profile_summary.py sums it per op
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data") o.data = value();
    else if (a == "--res") o.res = std::atoi(value().c_str());
    else if (a == "--batch") o.batch = std::atoi(value().c_str());
    else if (a == "--threads") o.threads = std::atoi(value().c_str());
    else if (a == "--windows") o.windows = std::max(1, std::atoi(value().c_str()));
    else if (a == "--steps") o.steps = std::max(1, std::atoi(value().c_str()));
    else if (a == "--loss") o.loss = value();
    else if (a == "--device") o.device = value();
    else if (a == "--precision") o.precision = value();
    else if (a == "--model") o.model = value();
    else if (a == "--profile") o.profile = value();
    else if (a == "--g-fakes") o.g_fakes = value();
    else if (a == "--few-channel") gs::setFewChannelConvEnabled(value() != "off");
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      std::exit(2);
    }
  }
  return o;
}

// Random pixels: the speed of a step does not depend on what the images show.
std::shared_ptr<gs::ImageDataset> syntheticData(int res, int64_t n) {
  std::vector<uint8_t> pixels(static_cast<size_t>(n) * res * res * 3);
  std::mt19937 rng(7);
  for (auto& p : pixels) p = static_cast<uint8_t>(rng());
  return gs::ImageDataset::fromPixels(std::move(pixels), n, 3, res, "synthetic");
}

void bench(const std::string& label, const Options& o, int res, std::shared_ptr<const gs::ImageDataset> data) {
  gs::TrainConfig c;
  c.model.kind = gs::parseModel(o.model);
  c.optim = gs::defaultOptim(c.model.kind, res);
  c.data.resolution = c.model.resolution = res;
  c.model.g_width = c.model.d_width = 64;
  c.model.latent_dim = 100;
  c.batch = o.batch;
  c.optim.loss = gs::parseLoss(o.loss);
  c.optim.augment = gs::AugmentKind::None;  // as the reference: D sees the images unchanged
  if (!o.g_fakes.empty()) c.optim.reuse_fakes = o.g_fakes == "reuse";
  c.device = o.device;
  c.precision = gs::parsePrecision(o.precision);
  c.threads = o.threads;
  gs::setCpuThreads(o.threads);
  gs::Trainer trainer(c, data);

  using Clock = std::chrono::steady_clock;
  for (int i = 0; i < 2; ++i) trainer.step();  // warm-up: allocator, oneDNN primitives, loader queue
  std::vector<double> rates;
  for (int w = 0; w < o.windows; ++w) {
    const auto t0 = Clock::now();
    for (int s = 0; s < o.steps; ++s) trainer.step();
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    rates.push_back(o.steps * o.batch / dt);
  }
  if (!o.profile.empty()) {
    torch::autograd::profiler::RecordProfile record(o.profile);
    for (int s = 0; s < o.steps; ++s) trainer.step();
  }
  std::sort(rates.begin(), rates.end());
  const double median = rates[rates.size() / 2];
  std::printf("%-28s %s res %3d batch %3d loss %-7s %s %s: %7.1f images/s (%.2f steps/s; windows %.1f-%.1f)\n",
              label.c_str(), o.model.c_str(), res, o.batch, o.loss.c_str(), gs::describeDevice(trainer.device()).c_str(),
              gs::toString(trainer.config().precision).c_str(), median,
              median / o.batch, rates.front(), rates.back());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  const Options o = parse(argc, argv);
  try {
    if (!o.data.empty()) {
      gs::DataConfig d;
      d.path = o.data;
      d.resolution = o.res > 0 ? o.res : 64;
      const auto data = gs::ImageDataset::load(d);
      std::printf("%s: %lld images, %d channels, loaded in %.1f s\n", o.data.c_str(),
                  static_cast<long long>(data->size()), data->channels(), data->summary().seconds);
      bench("folder " + o.data, o, d.resolution, data);
      return 0;
    }
    for (int res : o.res > 0 ? std::vector<int>{o.res} : std::vector<int>{32, 64})
      bench("synthetic", o, res, syntheticData(res, 512));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_train: %s\n", e.what());
    return 1;
  }
  return 0;
}

// Images per second of one full DCGAN training iteration (one D step + one G step, non-saturating loss, Adam)
// at 32 and 64 px, batch 64, on synthetic data. Usage: bench_train_step [--slow-convt] [--nchw] [--runs N]
//   [--res R] [--batch B]; GANSCOPE_NO_MALLOC_TUNE=1 in the environment leaves glibc's allocator as it is.
#include <ATen/Parallel.h>
#include <torch/optim/adam.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "config.h"
#include "models/cpu_speed.h"
#include "models/fast_conv_transpose.h"
#include "models/networks.h"
#include "training/losses.h"
#include "util/device.h"
#include "util/process_env.h"

namespace {

struct BenchOptions {
  int runs = 12;
  int warmup = 3;
  int batch = 64;
  std::vector<int> resolutions{32, 64};
};

void setRequiresGrad(torch::nn::Module& m, bool on) {
  for (auto& p : m.parameters()) p.requires_grad_(on);
}

double imagesPerSecond(int resolution, const BenchOptions& o) {
  using Clock = std::chrono::steady_clock;
  gs::ModelConfig mc;
  mc.resolution = resolution;
  mc.channels = 3;
  auto g = gs::makeGenerator(mc);
  auto d = gs::makeDiscriminator(mc);
  const auto adam = torch::optim::AdamOptions(2e-4).betas({0.5, 0.999});
  torch::optim::Adam g_opt(g->parameters(), adam);
  torch::optim::Adam d_opt(d->parameters(), adam);
  const at::Tensor real = at::rand({o.batch, 3, resolution, resolution}) * 2 - 1;
  const auto loss = gs::LossKind::NonSaturating;

  std::vector<double> rates;
  for (int i = 0; i < o.warmup + o.runs; ++i) {
    const auto t0 = Clock::now();
    const at::Tensor fake = g->forward(at::randn({o.batch, mc.latent_dim}));
    // D step on real and detached fakes.
    d_opt.zero_grad();
    gs::discriminatorLoss(loss, d->forward(real), d->forward(fake.detach())).backward();
    d_opt.step();
    // G step through the same fakes; D's weight gradients are not needed, so skip computing them.
    g_opt.zero_grad();
    setRequiresGrad(*d, false);
    gs::generatorLoss(loss, d->forward(fake)).backward();
    setRequiresGrad(*d, true);
    g_opt.step();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (i >= o.warmup) rates.push_back(o.batch / s);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--slow-convt") gs::setFastConvTransposeEnabled(false);
    else if (a == "--nchw") gs::setCpuChannelsLast(false);
    else if (a == "--runs" && i + 1 < argc) o.runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--batch" && i + 1 < argc) o.batch = std::max(2, std::atoi(argv[++i]));
    else if (a == "--res" && i + 1 < argc) o.resolutions = {std::atoi(argv[++i])};
    else {
      std::fprintf(stderr, "usage: %s [--slow-convt] [--nchw] [--runs N] [--batch B] [--res R]\n", argv[0]);
      return 2;
    }
  }
  std::printf("threads: %d  fast transposed conv: %s  channels-last: %s  malloc tuned: %s  batch: %d\n",
              at::get_num_threads(), gs::fastConvTransposeEnabled() ? "yes" : "no",
              gs::cpuChannelsLast() ? "yes" : "no", std::getenv("GANSCOPE_NO_MALLOC_TUNE") ? "no" : "yes", o.batch);
  for (int r : o.resolutions) {
    std::printf("train step %3d px: %.1f images/s (median of %d)\n", r, imagesPerSecond(r, o), o.runs);
    std::fflush(stdout);
  }
  return 0;
}

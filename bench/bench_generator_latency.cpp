// Batch-1 generator forward latency (eval mode, InferenceMode) at 32 and 64 px: median and p95, ms, for the
// network as trained (DcganGenerator) and for the explorer's inference copy (FrozenDcgan: BatchNorm folded,
// NCHW at batch 1), with the largest pixel difference between the two on the same latents.
// Usage: bench_generator_latency [--slow-convt] [--nchw] [--threads N] [--runs N] [--channels C] [--width W]
//                                [--res 32|64]
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "models/cpu_speed.h"
#include "models/dcgan.h"
#include "models/fast_conv_transpose.h"
#include "models/frozen_dcgan.h"
#include "util/device.h"
#include "util/process_env.h"

namespace {

struct Latency {
  double median_ms, p95_ms;
};

struct Options {
  int runs = 300, channels = 3, width = 64, res = 0;
};

// One path after the other (interleaving them makes each evict the other's oneDNN primitives and weights).
std::vector<Latency> measure(const std::vector<std::function<void(const at::Tensor&)>>& paths, int latent,
                             int runs) {
  std::vector<Latency> out;
  for (const auto& path : paths) {
    std::vector<double> ms;
    for (int i = 0; i < runs + 20; ++i) {
      const at::Tensor z = at::randn({1, latent});
      const auto t0 = std::chrono::steady_clock::now();
      path(z);
      const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (i >= 20) ms.push_back(t);  // the first runs build oneDNN kernels
    }
    std::sort(ms.begin(), ms.end());
    out.push_back({ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]});
  }
  return out;
}

void run(int resolution, const Options& o) {
  gs::ModelConfig mc;
  mc.resolution = resolution;
  mc.channels = o.channels;
  mc.g_width = o.width;
  auto g = std::make_shared<gs::DcganGenerator>(mc);
  {  // BatchNorm statistics of a few training-mode batches, so folding has something to fold
    at::NoGradGuard no_grad;
    for (int i = 0; i < 3; ++i) g->forward(at::randn({16, mc.latent_dim}));
  }
  g->eval();
  c10::InferenceMode inference;
  const gs::FrozenDcgan frozen(*g);
  const at::Tensor probe = at::randn({8, mc.latent_dim});
  const auto pixels = [](const at::Tensor& x) { return x.add(1).mul(127.5).round(); };
  double diff = 0;
  for (int i = 0; i < probe.size(0); ++i) {  // batch 1 each, the explorer's case
    const at::Tensor z = probe.slice(0, i, i + 1);
    diff = std::max(diff, (pixels(g->forward(z)) - pixels(frozen.forward(z))).abs().max().item<double>());
  }
  const auto l = measure({[&](const at::Tensor& z) { g->forward(z); }, [&](const at::Tensor& z) { frozen.forward(z); }},
                         mc.latent_dim, o.runs);
  std::printf("generator batch-1 %2d px: median %.2f ms  p95 %.2f ms  (network as trained)\n", resolution,
              l[0].median_ms, l[0].p95_ms);
  std::printf("generator batch-1 %2d px: median %.2f ms  p95 %.2f ms  (inference copy, BatchNorm folded)  "
              "max pixel difference %.0f of 255  (%d runs)\n",
              resolution, l[1].median_ms, l[1].p95_ms, diff, o.runs);
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool more = i + 1 < argc;
    if (a == "--slow-convt") gs::setFastConvTransposeEnabled(false);
    else if (a == "--nchw") gs::setCpuChannelsLast(false);
    else if (a == "--threads" && more) gs::setCpuThreads(std::atoi(argv[++i]));
    else if (a == "--runs" && more) o.runs = std::max(200, std::atoi(argv[++i]));
    else if (a == "--channels" && more) o.channels = std::atoi(argv[++i]);
    else if (a == "--width" && more) o.width = std::atoi(argv[++i]);
    else if (a == "--res" && more) o.res = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr,
                   "usage: %s [--slow-convt] [--nchw] [--threads N] [--runs N>=200] [--channels C] [--width W] "
                   "[--res 32|64]\n",
                   argv[0]);
      return 2;
    }
  }
  std::printf("threads: %d  fast transposed conv: %s  channels-last: %s  channels %d  width %d\n",
              at::get_num_threads(), gs::fastConvTransposeEnabled() ? "yes" : "no",
              gs::cpuChannelsLast() ? "yes" : "no", o.channels, o.width);
  for (int r : {32, 64})
    if (o.res == 0 || o.res == r) run(r, o);
  return 0;
}

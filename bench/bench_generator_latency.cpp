// Batch-1 generator forward latency (eval mode, InferenceMode) at 32 and 64 px: median and p95 over 300 runs, ms.
// This is the latent explorer's cost per frame. Usage: bench_generator_latency [--slow-convt] [--nchw] [--runs N]
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "config.h"
#include "models/cpu_speed.h"
#include "models/fast_conv_transpose.h"
#include "models/networks.h"
#include "util/device.h"
#include "util/process_env.h"

namespace {

struct Latency {
  double median_ms, p95_ms;
};

Latency measure(int resolution, int runs) {
  gs::ModelConfig mc;
  mc.resolution = resolution;
  mc.channels = 3;
  auto g = gs::makeGenerator(mc);
  g->eval();
  c10::InferenceMode inference;
  std::vector<double> ms;
  for (int i = 0; i < runs + 20; ++i) {
    const at::Tensor z = at::randn({1, mc.latent_dim});
    const auto t0 = std::chrono::steady_clock::now();
    const at::Tensor img = g->forward(z);
    const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (i >= 20) ms.push_back(t);  // the first runs build oneDNN kernels
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  int runs = 300;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--slow-convt") gs::setFastConvTransposeEnabled(false);
    else if (a == "--nchw") gs::setCpuChannelsLast(false);
    else if (a == "--threads" && i + 1 < argc) gs::setCpuThreads(std::atoi(argv[++i]));
    else if (a == "--runs" && i + 1 < argc) runs = std::max(200, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: %s [--slow-convt] [--nchw] [--threads N] [--runs N>=200]\n", argv[0]);
      return 2;
    }
  }
  std::printf("threads: %d  fast transposed conv: %s  channels-last: %s\n", at::get_num_threads(),
              gs::fastConvTransposeEnabled() ? "yes" : "no", gs::cpuChannelsLast() ? "yes" : "no");
  for (int r : {32, 64}) {
    const Latency l = measure(r, runs);
    std::printf("generator batch-1 %2d px: median %.2f ms  p95 %.2f ms  (%d runs)\n", r, l.median_ms, l.p95_ms, runs);
  }
  return 0;
}

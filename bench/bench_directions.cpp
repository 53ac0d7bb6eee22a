// Cost of finding the explorer's edit directions when a generator opens (it runs off the GUI thread, but the
// sliders wait for it): SeFa on a 64 px DCGAN (widths 64, nz 100) and GANSpace over 4,096 mapped latents for
// style generators (mapping 8 layers, w 128 and 512), median of 5 runs each, in milliseconds.
// Usage: bench_directions [--runs N]
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "config.h"
#include "explore/generator_session.h"
#include "models/networks.h"
#include "util/device.h"
#include "util/process_env.h"

namespace {

double medianMs(gs::GeneratorSession& session, int runs, int* count) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    *count = session.editDirections(10).count();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

void bench(const char* what, const gs::ModelConfig& config, int runs) {
  auto g = gs::makeGenerator(config);
  auto session = gs::GeneratorSession::snapshot(*g, config, what);
  int count = 0;
  const double ms = medianMs(*session, runs, &count);
  std::printf("%-44s %8.1f ms (%d directions)\n", what, ms, count);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::setCpuThreads(0);
  int runs = 5;
  if (argc == 3 && std::string(argv[1]) == "--runs") runs = std::max(1, std::atoi(argv[2]));
  std::printf("threads: %d\n", at::get_num_threads());
  gs::ModelConfig dcgan;
  dcgan.resolution = 64;
  dcgan.channels = 3;
  bench("SeFa, DCGAN 64 px widths 64, nz 100", dcgan, runs);
  for (int w : {128, 512}) {
    gs::ModelConfig style = dcgan;
    style.kind = gs::ModelKind::Style;
    style.latent_dim = w;
    style.w_dim = w;
    style.g_width = 32;
    const std::string name = "GANSpace, style mapping 8 x " + std::to_string(w) + ", 4096 latents";
    bench(name.c_str(), style, runs);
  }
  return 0;
}

// Cost of one health measurement (metrics/health_probe.h) of a 64 px DCGAN: an 8x8 grid against 64 real images,
// without and with the birthday estimate, plus the per-step NaN check of all weights. One figure per line.
// Usage: bench_health [--res R] [--runs N]
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "metrics/health_probe.h"
#include "models/networks.h"
#include "util/device.h"
#include "util/process_env.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename Fn>
double medianMs(int runs, Fn fn) {
  fn();  // warm-up
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  int res = 64, runs = 5;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--res")) res = std::stoi(argv[++i]);
    if (!std::strcmp(argv[i], "--runs")) runs = std::stoi(argv[++i]);
  }
  gs::setCpuThreads(0);
  gs::ModelConfig mc;
  mc.resolution = res;
  mc.channels = 3;
  auto g = gs::makeGenerator(mc);
  auto d = gs::makeDiscriminator(mc);
  g->eval();
  auto generate = [&g](const at::Tensor& z) {
    torch::NoGradGuard no_grad;
    return g->forward(z);
  };
  const at::Tensor z = at::randn({64, mc.latent_dim});
  const at::Tensor real = at::rand({64, 3, res, res}) * 2 - 1;

  gs::HealthProbeOptions plain;
  const double base = medianMs(runs, [&] { gs::measureHealth(generate, *d, true, z, real, plain); });
  std::printf("health measurement %d px, 64 grid vs 64 real, no birthday: %.1f ms\n", res, base);
  gs::HealthProbeOptions birthday;
  birthday.birthday_trials = 2;
  const double with = medianMs(runs, [&] { gs::measureHealth(generate, *d, true, z, real, birthday); });
  std::printf("health measurement %d px, with 2 birthday batches of 64 (default): %.1f ms\n", res, with);
  const double check = medianMs(runs * 4, [&] {
    for (auto* m : {static_cast<torch::nn::Module*>(g.get()), static_cast<torch::nn::Module*>(d.get())})
      for (const auto& p : m->parameters()) (void)at::isfinite(p.detach()).all().item<bool>();
  });
  std::printf("NaN check of all G and D weights (every step): %.2f ms\n", check);
  return 0;
}

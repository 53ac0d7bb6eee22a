// 2D lab benchmark: trains the default lab GAN on the ring and the grid for 10 seeds each and prints, per seed,
// modes captured, the high-quality share (PacGAN/VEEGAN definitions, 2500 samples) and the seconds per run,
// then the means, and whether the mode-collapse alarm was raised (measured every 50 steps, as in the app).
// Published bests for comparison: PacGAN4 ring 7.8 modes / 95.9%, grid 24.8 / 93.6%.
// Usage: bench_lab2d [--which ring|grid|both] [--seeds N] [--first-seed N] [--steps N] [--lr X] [--batch N]
//                    [--pack N] [--latent N] [--width N] [--depth N] [--loss ns|minimax|wgan-gp|hinge] [--d-steps N]
//                    [--decay-from F] [--ema STEPS] [--lr-g X] [--lr-d X] [--r1 GAMMA] [--g-width N]
//                    [--g-depth N] [--d-width N] [--d-depth N] [--beta1 X] [--beta2 X]
// Run with OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1, like the tests.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lab2d/lab_trainer.h"

using namespace gs;

namespace {

struct Args {
  std::string which = "both";
  int seeds = 10;
  int first_seed = 1;
  Lab2dConfig config;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--which") a.which = v;
    else if (k == "--seeds") a.seeds = std::atoi(v);
    else if (k == "--first-seed") a.first_seed = std::atoi(v);
    else if (k == "--steps") a.config.steps = std::atoll(v);
    else if (k == "--lr") a.config.lr_g = a.config.lr_d = std::atof(v);
    else if (k == "--batch") a.config.batch = std::atoi(v);
    else if (k == "--pack") a.config.pack = std::atoi(v);
    else if (k == "--latent") a.config.latent_dim = std::atoi(v);
    else if (k == "--width") a.config.g.width = a.config.d.width = std::atoi(v);
    else if (k == "--depth") a.config.g.depth = a.config.d.depth = std::atoi(v);
    else if (k == "--loss") a.config.loss = parseLoss(v);
    else if (k == "--d-steps") a.config.d_steps = std::atoi(v);
    else if (k == "--decay-from") a.config.decay_from = std::atof(v);
    else if (k == "--ema") a.config.ema_half_life = std::atof(v);
    else if (k == "--lr-d") a.config.lr_d = std::atof(v);
    else if (k == "--lr-g") a.config.lr_g = std::atof(v);
    else if (k == "--r1") a.config.r1_gamma = std::atof(v);
    else if (k == "--g-width") a.config.g.width = std::atoi(v);
    else if (k == "--g-depth") a.config.g.depth = std::atoi(v);
    else if (k == "--d-width") a.config.d.width = std::atoi(v);
    else if (k == "--d-depth") a.config.d.depth = std::atoi(v);
    else if (k == "--beta1") a.config.beta1 = std::atof(v);
    else if (k == "--beta2") a.config.beta2 = std::atof(v);
    else {
      std::fprintf(stderr, "bench_lab2d: unknown option %s\n", k.c_str());
      std::exit(2);
    }
  }
  return a;
}

void bench(const PointMixture& mixture, const Args& args) {
  double modes = 0, hq = 0, seconds = 0, cpu_seconds = 0;
  int full = 0, alarms = 0;
  std::printf("%s: %d modes, sigma %.2f, %lld steps, batch %d, lr %g, pack %d\n", mixture.name.c_str(),
              int(mixture.centres.size()), mixture.sigma, (long long)args.config.steps, args.config.batch,
              args.config.lr_g, args.config.pack);
  for (int seed = args.first_seed; seed < args.first_seed + args.seeds; ++seed) {
    Lab2dConfig c = args.config;
    c.seed = seed;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    Lab2dTrainer trainer(c, mixture);
    // Measured every measure_every steps as in the app, so the health monitor sees the run; the figure is the last.
    const Lab2dMeasures m = runLab2d(trainer);
    bool collapse = false;
    std::string alarm_steps;
    for (const Alarm& a : trainer.health().history()) {
      if (a.kind != AlarmKind::ModeCollapse) continue;
      collapse = true;
      alarm_steps += " " + std::to_string(a.step);
    }
    alarms += collapse;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    std::printf("  seed %2d: modes %2d/%d  high-quality %5.1f%%  %.2f s (%.2f s CPU)%s\n", seed,
                m.coverage.modes_captured, m.coverage.modes_total, 100 * m.coverage.highQualityShare(), s, cpu,
                collapse ? ("  COLLAPSE ALARM at step" + alarm_steps).c_str() : "");
    std::fflush(stdout);
    modes += m.coverage.modes_captured;
    hq += m.coverage.highQualityShare();
    seconds += s;
    cpu_seconds += cpu;
    full += m.coverage.modes_captured == m.coverage.modes_total && m.coverage.highQualityShare() >= 0.9;
  }
  const double n = args.seeds;
  std::printf("%s mean: modes %.2f/%d  high-quality %.1f%%  %.2f s per run (%.2f s CPU)  "
              "(%d/%d seeds all modes and >= 90%%; %d collapse alarms)\n",
              mixture.name.c_str(), modes / n, int(mixture.centres.size()), 100 * hq / n, seconds / n,
              cpu_seconds / n, full, args.seeds, alarms);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  if (args.which == "ring" || args.which == "both") bench(ringMixture(), args);
  if (args.which == "grid" || args.which == "both") bench(gridMixture(), args);
  return 0;
}

// Data-parallel training on this machine: images/s of N ranks x T threads against one process, and the share of
// a step spent in the gradient all-reduce; plus the all-reduce volume per step of our networks.
//   bench_distributed volume                      bytes each rank all-reduces per step, per network
//   bench_distributed train [--nproc N] [--threads T] [--model dcgan|style] [--res R] [--batch B] [--steps S]
//                                                 (--nproc 1: one process; N > 1: N local Gloo ranks)
// Synthetic data (random pixels), non-saturating loss, no augmentation; figures from rank 0, after 3 warm-up steps.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"
#include "distributed/dist_group.h"
#include "distributed/grad_sync.h"
#include "distributed/local_launcher.h"
#include "models/networks.h"
#include "training/trainer.h"
#include "util/process_env.h"

namespace {

struct Options {
  int nproc = 1, threads = 1, res = 64, batch = 64, steps = 20;
  gs::ModelKind model = gs::ModelKind::Dcgan;
};

gs::TrainConfig configFor(gs::ModelKind kind, int res) {
  gs::TrainConfig c;
  c.model.kind = kind;
  c.model.resolution = c.data.resolution = res;
  c.model.channels = 3;
  c.optim = gs::defaultOptim(kind, res);
  c.optim.augment = gs::AugmentKind::None;
  c.device = "cpu";
  return c;
}

int volume() {
  std::printf("all-reduce volume per step (fp32 gradients; each rank sends and receives about this much, twice over "
              "in a ring all-reduce)\n");
  for (auto [kind, res] : std::vector<std::pair<gs::ModelKind, int>>{
           {gs::ModelKind::Dcgan, 64}, {gs::ModelKind::Dcgan, 128}, {gs::ModelKind::Style, 64},
           {gs::ModelKind::Style, 256}}) {
    const gs::TrainConfig c = configFor(kind, res);
    const double g = gs::gradientBytes(*gs::makeGenerator(c.model)) / 1e6;
    const double d = gs::gradientBytes(*gs::makeDiscriminator(c.model, c.optim)) / 1e6;
    std::printf("%-6s %3d px (widths 64): G %6.1f MB  D %6.1f MB  step %6.1f MB\n", gs::toString(kind).c_str(), res,
                g, d, g + d);
  }
  return 0;
}

int train(const Options& o) {
  const char* world = std::getenv("WORLD_SIZE");
  std::shared_ptr<gs::DistGroup> group;
  if (world && std::atoi(world) > 1)
    group = gs::DistGroup::join(gs::distOptionsFromEnv([](const char* n) { return std::getenv(n); }), false);
  const int rank = group ? group->rank() : 0, ranks = group ? group->worldSize() : 1;

  gs::TrainConfig c = configFor(o.model, o.res);
  c.batch = o.batch;
  c.threads = o.threads;
  const int64_t n = 256;
  std::vector<uint8_t> px(static_cast<size_t>(n * o.res * o.res * 3));
  for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<uint8_t>((i * 2654435761u) >> 24);
  gs::Trainer trainer(c, gs::ImageDataset::fromPixels(std::move(px), n, 3, o.res, "bench"), group);
  for (int i = 0; i < 3; ++i) trainer.step();
  double seconds = 0, sync = 0;
  for (int i = 0; i < o.steps; ++i) {
    const gs::StepStats s = trainer.step();
    seconds += s.seconds;
    sync += s.sync_seconds;
  }
  if (rank == 0)
    std::printf("%s %d px, global batch %d: %d process(es) x %d thread(s): %.1f images/s, all-reduce %.1f%% of a "
                "step (%.1f ms of %.1f ms)\n",
                gs::toString(o.model).c_str(), o.res, o.batch, ranks, o.threads, o.steps * o.batch / seconds,
                100.0 * sync / seconds, 1000.0 * sync / o.steps, 1000.0 * seconds / o.steps);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_distributed volume | train [--nproc N] [--threads T] [--model M] [--res R] "
                         "[--batch B] [--steps S]\n");
    return 2;
  }
  if (!std::strcmp(argv[1], "volume")) return volume();
  Options o;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* v = argv[i + 1];
    if (flag == "--nproc") o.nproc = std::atoi(v);
    else if (flag == "--threads") o.threads = std::atoi(v);
    else if (flag == "--res") o.res = std::atoi(v);
    else if (flag == "--batch") o.batch = std::atoi(v);
    else if (flag == "--steps") o.steps = std::atoi(v);
    else if (flag == "--model") o.model = gs::parseModel(v);
  }
  try {
    if (o.nproc > 1 && !std::getenv("WORLD_SIZE")) {
      gs::LocalLaunch l;
      l.nproc = o.nproc;
      l.argv.assign(argv, argv + argc);
      char self[4096];
      const ssize_t len = ::readlink("/proc/self/exe", self, sizeof self - 1);
      if (len > 0) l.argv[0] = std::string(self, static_cast<size_t>(len));
      return gs::runLocalRanks(l, stderr);
    }
    return train(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_distributed: %s\n", e.what());
    return 1;
  }
}

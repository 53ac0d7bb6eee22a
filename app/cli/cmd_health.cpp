// `ganscope-cli health`: the health measures of one checkpoint against its training data: diversity ratios,
// near-duplicate groups of the sample grid, the birthday support estimate, D output histograms and the closest
// training image (memorisation check).
#include <cmath>
#include <cstdio>
#include <string>

#include "commands.h"
#include "data/image_dataset.h"
#include "metrics/health_probe.h"
#include "metrics/nearest_image.h"
#include "options.h"
#include "training/checkpoint.h"
#include "training/run_health.h"
#include "training/trainer.h"
#include "util/error.h"
#include "util/seeded_stream.h"
#include "util/tensor_image.h"

namespace gs::cli {
namespace {

void printHistogram(const char* label, const Histogram& h) {
  std::printf("%-10s [%g, %g]", label, h.lo, h.hi);
  for (int64_t c : h.counts) std::printf(" %lld", static_cast<long long>(c));
  std::printf("\n");
}

void printRecord(const HealthRecord& r, int cells) {
  std::printf("diversity   pixels %.3f (grid %.4f / real %.4f), D features %.3f (%.4g / %.4g)\n", r.pixel_ratio,
              r.pixel_fake, r.pixel_real, r.feature_ratio, r.feature_fake, r.feature_real);
  int grouped = 0;
  for (const auto& g : r.duplicate_groups) grouped += static_cast<int>(g.size());
  std::printf("duplicates  %d of %d grid cells in %zu group(s) (pixel distance below %.4f, the closest two real "
              "images)\n", grouped, cells, r.duplicate_groups.size(), r.duplicate_threshold);
  for (size_t i = 0; i < r.duplicate_groups.size(); ++i) {
    std::printf("  group %zu: cells", i + 1);
    for (int c : r.duplicate_groups[i]) std::printf(" %d", c);
    std::printf("\n");
  }
  const BirthdayEstimate& b = r.birthday;
  if (b.trials == 0) {
    std::printf("birthday    skipped\n");
  } else if (b.lower_bound) {
    std::printf("birthday    no near-duplicate pair in half of %d batches of %d: support > %.0f\n", b.trials,
                b.max_batch, b.support);
  } else {
    std::printf("birthday    a near-duplicate pair in half of %d batches by %d samples: support ~ %.0f\n", b.trials,
                b.batch_size, b.support);
  }
  printHistogram(r.logistic ? "D(real)" : "D(real)*", r.d_real_hist);
  printHistogram(r.logistic ? "D(fake)" : "D(fake)*", r.d_fake_hist);
}

}  // namespace

int runHealth(const std::vector<std::string>& args) {
  const HealthCommandOptions o = parseHealthOptions(args);
  if (o.help) {
    std::fputs(healthUsage(), stdout);
    return 0;
  }
  const CheckpointFile file = readCheckpointFile(o.checkpoint);
  if (file.header.kind != "full")
    throw fileError(o.checkpoint, "is a generator-only file; the health measures need the discriminator too: "
                                  "give a full checkpoint from RUN/checkpoints/");
  TrainConfig config = file.header.config;
  if (!o.data.empty()) config.data.path = o.data;
  auto data = ImageDataset::load(config.data);
  Trainer trainer(config, data);
  trainer.load(o.checkpoint);

  HealthProbeOptions probe;
  probe.birthday_trials = o.trials;
  probe.seed = deriveSeed(config.seed, 4);
  const at::Tensor fixed = trainer.fixedLatents();
  auto generate = [&trainer, &fixed](const at::Tensor& z) { return sampleForHealth(trainer, z, fixed); };
  const bool logistic = config.optim.loss == LossKind::NonSaturating || config.optim.loss == LossKind::Minimax;
  HealthRecord r = measureHealth(generate, *trainer.discriminator(), logistic, fixed,
                                 realSample(*data, o.real, deriveSeed(config.seed, 5)), probe);
  r.step = trainer.stepCount();
  measureClassCoverage(trainer, coverageReals(*data, config.seed), deriveSeed(probe.seed, 6), r);

  std::printf("checkpoint  %s (step %lld), data %s (%lld images)\n", o.checkpoint.c_str(),
              static_cast<long long>(r.step), config.data.path.c_str(), static_cast<long long>(data->size()));
  printRecord(r, static_cast<int>(fixed.size(0)));
  if (!r.class_share.empty()) std::printf("classes     %s\n", describeClassCoverage(r).c_str());

  // Memorisation: the grid cell that comes closest to a training image (a conditional grid: one row per class).
  const std::vector<ImageU8> cells = tensorToImages(generate(fixed));
  NearestImage best;
  int best_cell = -1;
  for (size_t i = 0; i < cells.size(); ++i) {
    const NearestImage n = nearestTrainingImages(*data, cells[i], 1).front();
    if (best_cell < 0 || n.rms < best.rms) {
      best = n;
      best_cell = static_cast<int>(i);
    }
  }
  std::printf("nearest     grid cell %d is closest to training image %lld (rms difference %.1f of 255)\n", best_cell,
              static_cast<long long>(best.index), best.rms);
  return 0;
}

}  // namespace gs::cli

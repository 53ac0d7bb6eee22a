#include "training/run_health.h"

#include <algorithm>
#include <cmath>

#include "data/image_dataset.h"
#include <ATen/CPUGeneratorImpl.h>

#include "metrics/alarm_record.h"
#include "metrics/class_coverage.h"
#include "training/jsonl_file.h"
#include "training/trainer.h"
#include "util/seeded_stream.h"

namespace gs {
namespace {

constexpr int64_t kRealBatch = 64;
constexpr int64_t kCoverageSamples = 320;  // generated images for the per-class coverage

bool logisticLoss(LossKind loss) { return loss == LossKind::NonSaturating || loss == LossKind::Minimax; }

HealthOptions monitorOptions(const TrainConfig& c) {
  HealthOptions o;
  // Early training is chaotic (D wins for a while, diversity starts low) and the grid comes from the EMA
  // generator, which stays near its random start for a few half-lives: judge only after both.
  const auto ema_half_life = static_cast<int64_t>(c.optim.ema_kimg * 1000.0 / std::max(1, c.batch));
  o.warmup_steps = std::max({2 * static_cast<int64_t>(c.health_every), 10 * static_cast<int64_t>(c.log_every),
                             3 * ema_half_life});
  return o;
}

// Drops the records of a JSON-lines file past `step`.
template <class Record, bool (*Parse)(const std::string&, Record&)>
void cutBack(const std::string& path, int64_t step) {
  truncateJsonl(path, step, [](const std::string& line, int64_t& s) {
    Record r;
    if (!Parse(line, r)) return false;
    s = r.step;
    return true;
  });
}

}  // namespace

RunHealth::RunHealth(const TrainConfig& config, const RunPaths& paths, const ImageDataset& data,
                     const RunCallbacks& cb)
    : config_(config), paths_(paths), cb_(cb), monitor_(monitorOptions(config)) {
  probe_.birthday_trials = config.birthday_trials;
  probe_.seed = deriveSeed(config.seed, 4);
  real_ = realSample(data, kRealBatch, deriveSeed(config.seed, 5));
  class_reals_ = coverageReals(data, config.seed);
  writer_ = std::make_unique<JsonlAppender>(paths_.health());
  alarm_writer_ = std::make_unique<JsonlAppender>(paths_.alarms());
  sums_ = HealthSample{};
}

RunHealth::~RunHealth() = default;

void RunHealth::feed(HealthSample sample) {
  if (count_ > 0) {
    const double n = count_;
    sample.g_loss = sums_.g_loss / n;
    sample.d_loss = sums_.d_loss / n;
    sample.d_real = sums_.d_real / n;
    sample.d_fake = sums_.d_fake / n;
    sample.g_grad_norm = sums_.g_grad_norm / n;
  }
  sample.logistic = logisticLoss(config_.optim.loss);
  count_ = 0;
  for (const Alarm& a : monitor_.observe(sample)) emit(a);
}

void RunHealth::emit(const Alarm& alarm) {
  alarms_.push_back(alarm);
  alarm_writer_->append(alarmLine(alarm));
  if (cb_.on_alarm) cb_.on_alarm(alarm);
}

void RunHealth::afterStep(const StepStats& s) {
  if (count_ == 0) sums_.g_loss = sums_.d_loss = sums_.d_real = sums_.d_fake = sums_.g_grad_norm = 0;
  sums_.g_loss += s.g_loss;
  sums_.d_loss += s.d_loss;
  sums_.d_real += s.d_real;
  sums_.d_fake += s.d_fake;
  sums_.g_grad_norm += s.g_grad_norm;
  ++count_;
  if (s.step % config_.log_every == 0 && s.step % config_.health_every != 0) {
    HealthSample sample;
    sample.step = s.step;
    feed(sample);
  }
}

HealthRecord RunHealth::measure(Trainer& trainer, const at::Tensor& fixed_z) {
  probe_.seed = deriveSeed(config_.seed ^ static_cast<uint64_t>(trainer.stepCount()), 4);
  auto generate = [&trainer, &fixed_z](const at::Tensor& z) { return sampleForHealth(trainer, z, fixed_z); };
  HealthRecord r = measureHealth(generate, *trainer.discriminator(), logisticLoss(config_.optim.loss), fixed_z,
                                 real_, probe_);
  r.step = trainer.stepCount();
  if (trainer.config().model.num_classes > 0 && class_reals_.labels.defined())
    measureClassCoverage(trainer, class_reals_, deriveSeed(probe_.seed, 6), r);
  writer_->append(healthLine(r));
  last_measured_ = r.step;
  if (cb_.on_health) cb_.on_health(r);
  HealthSample sample;
  sample.step = r.step;
  // Pixel space: the measure a person can check by looking at the grid.
  sample.diversity_ratio = r.pixel_ratio;
  sample.duplicate_fraction = r.duplicate_fraction;
  feed(sample);
  return r;
}

at::Tensor sampleForHealth(Trainer& trainer, const at::Tensor& z, const at::Tensor& fixed_z) {
  const bool grid = z.sizes() == fixed_z.sizes() && at::equal(z, fixed_z);
  return grid ? trainer.sample(z, trainer.fixedClasses(), /*use_ema=*/true) : trainer.sample(z, /*use_ema=*/true);
}

LabelledReals coverageReals(const ImageDataset& data, uint64_t run_seed) {
  if (!data.hasLabels()) return {};
  // The class centroids of D's features come from more real images than the diversity batch.
  const int64_t n = std::min<int64_t>(data.size(), 32 * std::max(1, data.numClasses()));
  return {realSample(data, n, deriveSeed(run_seed, 7)), realSampleLabels(data, n, deriveSeed(run_seed, 7))};
}

void measureClassCoverage(Trainer& trainer, const LabelledReals& reals, uint64_t seed, HealthRecord& r) {
  const ModelConfig& m = trainer.config().model;
  const int64_t k = m.num_classes;
  if (k <= 0 || !reals.labels.defined()) return;
  const int64_t per_class = std::max<int64_t>(8, kCoverageSamples / k);
  at::Generator gen = at::detail::createCPUGenerator(seed);
  const at::Tensor z = at::randn({per_class * k, m.latent_dim}, gen, at::TensorOptions(at::kFloat));
  const at::Tensor asked = at::arange(per_class * k, at::TensorOptions(at::kLong)).remainder(k);
  const ClassCoverage c = classCoverage(*trainer.discriminator(), trainer.sample(z, asked, /*use_ema=*/true), asked,
                                       reals.images, reals.labels, k, &r.class_real_agreement);
  r.class_names = m.class_names;
  r.class_share = c.share;
  r.class_flagged = c.flagged;
  r.class_agreement = c.agreement;
}

void RunHealth::reportNonFinite(int64_t step, const std::string& what, const std::string& recovery) {
  HealthSample sample;
  sample.step = step;
  sample.non_finite = true;
  sample.non_finite_what = what;
  count_ = 0;  // the sums hold the diverged step's numbers
  for (Alarm a : monitor_.observe(sample)) {
    if (a.kind == AlarmKind::NonFinite && !recovery.empty()) a.message += " " + recovery;
    emit(a);
  }
}

void RunHealth::rewind(int64_t step) {
  writer_.reset();
  cutBack<HealthRecord, parseHealthLine>(paths_.health(), step);
  writer_ = std::make_unique<JsonlAppender>(paths_.health());
  alarm_writer_.reset();
  cutBack<Alarm, parseAlarmLine>(paths_.alarms(), step);
  alarm_writer_ = std::make_unique<JsonlAppender>(paths_.alarms());
  monitor_.rewind(step);
  count_ = 0;
  if (last_measured_ > step) last_measured_ = -1;
}

}  // namespace gs

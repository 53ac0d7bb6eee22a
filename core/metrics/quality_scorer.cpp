#include "metrics/quality_scorer.h"

#include <algorithm>
#include <cmath>

#include "metrics/feature_classifier.h"
#include "metrics/sliced_wasserstein.h"
#include "util/error.h"

namespace gs {

at::Tensor quantised(const at::Tensor& images) {
  return images.clamp(-1, 1).add(1).mul(127.5).round().div(127.5).sub(1);
}

QualityScorer::QualityScorer(const at::Tensor& real, std::shared_ptr<FeatureClassifier> classifier,
                             QualityScorerOptions o)
    : real_(real.detach().to(at::kCPU, at::kFloat).contiguous()), classifier_(std::move(classifier)), options_(o) {
  if (real_.dim() != 4 || real_.size(0) < 8) throw GanscopeError("quality scorer: needs at least 8 real images");
  if (classifier_) {
    real_features_ = classifier_->features(real_);
    real_stats_ = featureStats(real_features_);
  }
}

QualityScorer::~QualityScorer() = default;

QualityScores QualityScorer::score(const at::Tensor& fake_in, bool with_swd) {
  const at::Tensor fake = fake_in.detach().to(at::kCPU, at::kFloat).contiguous();
  if (fake.dim() != 4 || fake.size(1) != real_.size(1) || fake.size(2) != real_.size(2))
    throw GanscopeError("quality scorer: generated images must match the real ones in channels and size");
  QualityScores q;
  if (classifier_) {
    const at::Tensor f = classifier_->features(fake);
    q.fid = frechetDistance(real_stats_, featureStats(f));
    q.kid = 1e3 * kernelDistance(real_features_, f, 10, 1000, options_.seed);
    const int64_t n = std::min<int64_t>({options_.pr_rows, f.size(0), real_features_.size(0)});
    const PrecisionRecall pr = precisionRecall(real_features_.slice(0, 0, n), f.slice(0, 0, n));
    q.precision = pr.precision;
    q.recall = pr.recall;
    const at::Tensor classes = classifier_->logits(fake).argmax(1);
    const int64_t k = classifier_->logits(fake.slice(0, 0, 1)).size(1);
    const at::Tensor p = at::bincount(classes, {}, k).to(at::kDouble) / static_cast<double>(classes.size(0));
    q.class_kl = (p * (p * static_cast<double>(k)).clamp_min(1e-12).log()).sum().item<double>();
  }
  if (!with_swd) return q;
  const int64_t m = std::min<int64_t>({options_.swd_images, fake.size(0), real_.size(0)});
  SwdOptions swd;
  swd.repeats = options_.swd_repeats;
  swd.seed = options_.seed;
  q.swd = slicedWassersteinDistance(real_.slice(0, 0, m), fake.slice(0, 0, m), swd).mean;
  return q;
}

}  // namespace gs

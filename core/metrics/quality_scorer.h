#pragma once
// Scores generated images against a held-aside real set: the Frechet distance, KID and precision / recall in a
// classifier's feature space when one is given (Fashion-MNIST benches), and ProGAN's sliced Wasserstein
// distance, which needs no network (any user's folder).
#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "metrics/feature_distance.h"

namespace gs {

class FeatureClassifier;

struct QualityScores {
  double fid = -1;        // Frechet distance in the classifier's features (-1: no classifier)
  double kid = -1;        // kernel distance in the same features, x 1e3
  double precision = -1;  // Kynkaanniemi et al., k = 3
  double recall = -1;
  double class_kl = -1;   // KL(predicted class histogram || uniform): 0 when every class is equally common
  double swd = -1;        // sliced Wasserstein distance x 1e3, mean over pyramid levels
};

struct QualityScorerOptions {
  int swd_images = 2048;  // images compared by the SWD (fewer than the real set: it sorts every patch)
  int pr_rows = 5000;     // rows for precision / recall (its k-NN radii cost N^2)
  int swd_repeats = 4;    // sets of 128 random directions
  uint64_t seed = 0;
};

class QualityScorer {
 public:
  // real: [N, C, H, W] in [-1, 1], held aside from training. classifier may be null (SWD only).
  QualityScorer(const at::Tensor& real, std::shared_ptr<FeatureClassifier> classifier, QualityScorerOptions o = {});
  ~QualityScorer();
  // fake: [M, C, H, W] like the real set. with_swd false skips the SWD (the slowest part; swd stays -1).
  QualityScores score(const at::Tensor& fake, bool with_swd = true);

 private:
  at::Tensor real_;
  at::Tensor real_features_;
  FeatureStats real_stats_;
  std::shared_ptr<FeatureClassifier> classifier_;
  QualityScorerOptions options_;
};

// Images in [-1, 1] rounded to 8 bits and back, as a sample written to PNG would be.
at::Tensor quantised(const at::Tensor& images);

}  // namespace gs

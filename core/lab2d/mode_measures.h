#pragma once
// Sample-quality measures of the 2D benchmarks, exactly as PacGAN (Lin et al. 2018) and VEEGAN (Srivastava et
// al. 2017) define them: a sample is high quality when it lies within 3 sigma of its nearest mode centre; a mode
// is captured when at least one high-quality sample has it as nearest mode. Plus the two numbers the lab feeds
// to the TrainingHealthMonitor.
#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

#include "lab2d/point_mixture.h"

namespace gs {

struct ModeCoverage {
  int modes_captured = 0;
  int modes_total = 0;
  int64_t samples = 0;
  int64_t high_quality_samples = 0;
  std::vector<int64_t> nearest_counts;       // per mode: samples whose nearest centre it is
  std::vector<int64_t> high_quality_counts;  // per mode: of those, the high-quality ones

  double highQualityShare() const { return samples > 0 ? double(high_quality_samples) / double(samples) : 0.0; }
};

// points [N, 2]. `radius_sigmas` is the quality radius in units of the mixture's sigma (3 in the papers).
ModeCoverage measureModes(const at::Tensor& points, const PointMixture& mixture, double radius_sigmas = 3.0);

// Mean Euclidean distance over all pairs of distinct points [N, 2] (N >= 2).
double meanPairwiseDistance(const at::Tensor& points);

// How unevenly the samples fill the modes: the total-variation distance between the nearest-mode histogram and
// the uniform one, i.e. the share of samples in excess of their mode's fair share (0: even; 1 - 1/K: all in one
// mode). The lab reports it as HealthSample::duplicate_fraction: samples piled onto a few modes are the 2D
// analogue of near-duplicate images.
double modeExcess(const ModeCoverage& coverage);

}  // namespace gs

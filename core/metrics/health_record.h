#pragma once
// One health measurement of a run (diversity, near-duplicates, birthday estimate, D output histograms), as plain
// data: written as one JSON line per measurement to RUN/health.jsonl, followed by the desktop app, and handed to
// RunCallbacks::on_health. No LibTorch types here.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gs {

// Counts of values in `counts.size()` equal bins over [lo, hi]; values outside go to the end bins.
struct Histogram {
  double lo = 0, hi = 1;
  std::vector<int64_t> counts;
};

// Arora and Zhang (2017): the smallest batch size s at which a near-duplicate pair turns up in at least half of
// the batches suggests a support of about s^2 distinct outputs.
struct BirthdayEstimate {
  int batch_size = 0;  // that smallest s; 0 when not measured
  double support = std::numeric_limits<double>::quiet_NaN();  // ~ batch_size^2
  bool lower_bound = false;  // no duplicates up to max_batch in half the trials: support > max_batch^2
  int trials = 0;            // batches drawn
  int max_batch = 0;         // largest batch size examined
};

struct HealthRecord {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  int64_t step = 0;
  // Mean pairwise distance of the fixed-grid samples divided by the same on a real batch (1: as diverse as
  // the data). Pixel distances are RMS per value in [-1, 1] units; features are D's penultimate layer.
  double pixel_ratio = kNaN, pixel_fake = kNaN, pixel_real = kNaN;
  double feature_ratio = kNaN, feature_fake = kNaN, feature_real = kNaN;
  // Near-duplicates among the grid samples: pixel distance below `duplicate_threshold` (the smallest distance
  // between two different real images of the batch). Groups hold grid cell indices (row-major), each sorted,
  // each with at least two members, ordered by their first member.
  double duplicate_threshold = kNaN;
  double duplicate_fraction = kNaN;  // share of grid cells in some group
  std::vector<std::vector<int>> duplicate_groups;
  BirthdayEstimate birthday;
  // D's outputs on the real batch and on the grid samples: probabilities for logistic losses, raw critic scores
  // (over a fixed range) otherwise.
  bool logistic = true;
  Histogram d_real_hist, d_fake_hist;
  // Class-conditional models (metrics/class_coverage.h): of samples asked equally of every class, the share D's
  // features put in each class (nearest real class centroid); classes below kCoverageFlag / K are flagged
  // (dropped). Empty otherwise.
  std::vector<std::string> class_names;
  std::vector<double> class_share;
  std::vector<int> class_flagged;
  double class_agreement = kNaN;  // share put in the class asked for
  double class_real_agreement = kNaN;  // the same for held-out labelled reals (how far D's features tell classes apart)
};

std::string healthLine(const HealthRecord& record);  // one JSON object, no newline
// "coverage T-shirt/top 0.10, ...; D's features put 84% of held-out reals in their class; FLAGGED (share <
// 0.25/K): Sandal" for a class-conditional record; "" for others.
std::string describeClassCoverage(const HealthRecord& record);
// False for a partial or foreign line; fields missing in older lines keep their defaults.
bool parseHealthLine(const std::string& line, HealthRecord& out);

}  // namespace gs

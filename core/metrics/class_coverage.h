#pragma once
// Per-class coverage of a class-conditional model: the share of generated images that D's features put in each
// class. An image goes to the class whose centroid of real images' features (L2-normalised D features, labelled
// reals) it is nearest in cosine. Asked for every class equally, a model that has dropped a class (draws another
// class, or something no class claims) leaves that class with a share well below 1/K: flagged below
// kCoverageFlag / K.
//
// Why centroids and not the argmax of the projection term <embed(k), phi(x)>: that term estimates the log ratio
// of the data's to the generator's class posterior, not the class; once G draws a class well it no longer singles
// that class out (on a 2-class toy it puts a learned G's images in their class at chance, and on Fashion-MNIST it
// put no sandals in Sandal while the grid's Sandal row showed sandals).
#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

class DiscriminatorNet;

constexpr double kCoverageFlag = 0.25;

struct ClassCoverage {
  std::vector<double> share;   // per class, sums to 1
  std::vector<int> flagged;    // classes whose share is below kCoverageFlag / K
  double agreement = 0;        // share of images put in the class they were asked for (fakes) / labelled (reals)
};

// scores [N, K] (higher: more that class), classes [N] the classes asked for (or the labels).
ClassCoverage classCoverage(const at::Tensor& scores, const at::Tensor& classes);

// D's features (eval mode, no gradients, batches of 256) of `fakes` generated for `asked`, against the class
// centroids of `reals` with `real_labels` ([M], 0..k-1). `real_agreement`: centroids from the even-numbered reals,
// the share of the odd-numbered ones nearest their own class (how far D's features separate the classes at all).
ClassCoverage classCoverage(DiscriminatorNet& d, const at::Tensor& fakes, const at::Tensor& asked,
                            const at::Tensor& reals, const at::Tensor& real_labels, int64_t k,
                            double* real_agreement = nullptr);

// "Dress 0.02 (flagged), ..." for the flagged classes; "" when none.
std::string describeFlagged(const ClassCoverage& c, const std::vector<std::string>& names);

}  // namespace gs

#pragma once
// Per-class coverage of a class-conditional model: the share of generated images that the projection
// discriminator's features put in each class (argmax over classes of <embed(k), phi(x)>). Asked for every class
// equally, a model that has dropped a class (draws another class, or something no class claims) leaves that class
// with a share well below 1/K: flagged below kCoverageFlag / K.
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

// scores [N, K] (DiscriminatorNet::classScores), classes [N] the classes asked for (or the labels).
ClassCoverage classCoverage(const at::Tensor& scores, const at::Tensor& classes);
// D in eval mode on `images` (batches of 256, no gradients).
ClassCoverage classCoverage(DiscriminatorNet& d, const at::Tensor& images, const at::Tensor& classes);

// "Dress 0.02 (flagged), ..." for the flagged classes; "" when none.
std::string describeFlagged(const ClassCoverage& c, const std::vector<std::string>& names);

}  // namespace gs

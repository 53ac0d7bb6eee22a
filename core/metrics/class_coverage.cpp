#include "metrics/class_coverage.h"

#include <c10/core/GradMode.h>

#include <cstdio>

#include "models/networks.h"

namespace gs {

ClassCoverage classCoverage(const at::Tensor& scores, const at::Tensor& classes) {
  TORCH_CHECK(scores.dim() == 2 && scores.size(0) == classes.size(0), "classCoverage: scores ", scores.sizes(),
              " for ", classes.sizes(), " classes");
  const int64_t k = scores.size(1), n = scores.size(0);
  const at::Tensor put = scores.argmax(1).to(at::kCPU);
  const at::Tensor counts = at::bincount(put, {}, k).to(at::kDouble);
  ClassCoverage c;
  for (int64_t i = 0; i < k; ++i) {
    c.share.push_back(n > 0 ? counts[i].item<double>() / double(n) : 0.0);
    if (c.share.back() < kCoverageFlag / double(k)) c.flagged.push_back(static_cast<int>(i));
  }
  c.agreement = n > 0 ? put.eq(classes.to(at::kCPU)).to(at::kDouble).mean().item<double>() : 0.0;
  return c;
}

ClassCoverage classCoverage(DiscriminatorNet& d, const at::Tensor& images, const at::Tensor& classes) {
  at::NoGradGuard no_grad;
  const bool was_training = d.is_training();
  d.eval();
  std::vector<at::Tensor> parts;
  const auto device = d.parameters().front().device();
  for (int64_t i = 0; i < images.size(0); i += 256)
    parts.push_back(d.classScores(images.slice(0, i, i + 256).to(device)).to(at::kCPU));
  d.train(was_training);
  TORCH_CHECK(!parts.empty() && parts.front().defined(), "classCoverage: the discriminator is not class-conditional");
  return classCoverage(at::cat(parts), classes);
}

std::string describeFlagged(const ClassCoverage& c, const std::vector<std::string>& names) {
  std::string out;
  for (int k : c.flagged) {
    char share[32];
    std::snprintf(share, sizeof share, " %.3f", c.share[size_t(k)]);
    out += (out.empty() ? "" : ", ") + (size_t(k) < names.size() ? names[size_t(k)] : std::to_string(k)) + share;
  }
  return out;
}

}  // namespace gs

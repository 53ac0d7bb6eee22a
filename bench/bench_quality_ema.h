#pragma once
// bench_quality's EMA variants: shadow averages of one run's generator, so every EMA setting (BatchNorm
// statistics copied, averaged or recomputed; ramp-up on or off; half-lives) is scored on the same training run.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "export/png_export.h"
#include "models/networks.h"
#include "training/ema.h"
#include "training/trainer.h"
#include "util/tensor_image.h"

namespace gs::bench {

class EmaVariants {
 public:
  EmaVariants(Trainer& trainer, bool sweep) : trainer_(trainer) {
    names_.push_back("trainer");
    if (!sweep) return;
    names_.push_back("raw");
    const struct { EmaNorm norm; double kimg, rampup; } kSweep[] = {
        {EmaNorm::Copy, 10, 0},          {EmaNorm::Copy, 10, 0.05},     {EmaNorm::Average, 10, 0},
        {EmaNorm::Average, 10, 0.05},    {EmaNorm::Recompute, 10, 0},   {EmaNorm::Recompute, 10, 0.05},
        {EmaNorm::Recompute, 2, 0.05},   {EmaNorm::Recompute, 30, 0.05}};
    for (const auto& v : kSweep) {
      Shadow s{v.norm, v.kimg, v.rampup, makeGenerator(trainer.config().model)};
      copyWeights(*s.net, *trainer.generator());
      s.net->eval();
      char name[48];
      std::snprintf(name, sizeof name, "%s_%gk_ramp%g", toString(v.norm).c_str(), v.kimg, v.rampup);
      names_.push_back(name);
      shadows_.push_back(std::move(s));
    }
  }

  const std::vector<std::string>& names() const { return names_; }

  void update(int64_t images_seen) {
    for (Shadow& s : shadows_)
      updateEma(*s.net, *trainer_.generator(), emaBeta(trainer_.config().batch, s.kimg, s.rampup, images_seen), s.norm);
  }

  // Images [N, C, R, R] in [-1, 1] from variant `name` for latents z.
  at::Tensor sample(const std::string& name, const at::Tensor& z) {
    if (name == "trainer" || name == "raw") return trainer_.sample(z, name == "trainer");
    const auto at = std::find(names_.begin(), names_.end(), name) - names_.begin();
    Shadow& s = shadows_.at(static_cast<size_t>(at) - 2);  // after "trainer" and "raw"
    if (s.norm == EmaNorm::Recompute) {
      at::Generator gen = at::detail::createCPUGenerator(12345);
      recomputeNormStats(*s.net, 8, [&] { s.net->forward(at::randn({64, z.size(1)}, gen, z.options())); });
    }
    torch::NoGradGuard no_grad;
    s.net->eval();
    std::vector<at::Tensor> parts;
    for (int64_t i = 0; i < z.size(0); i += 500) parts.push_back(s.net->forward(z.slice(0, i, i + 500)));
    return at::cat(parts);
  }

  // The trainer's EMA generator on 64 fixed latents, as an 8 x 8 grid.
  void writeGrid(const std::string& path) {
    at::Generator gen = at::detail::createCPUGenerator(7);
    const at::Tensor z = at::randn({64, trainer_.config().model.latent_dim}, gen, at::TensorOptions(at::kFloat));
    writePng(path, tileGrid(tensorToImages(trainer_.sample(z, true)), 8, 2), standardExportText());
  }

 private:
  struct Shadow {
    EmaNorm norm;
    double kimg, rampup;
    std::shared_ptr<GeneratorNet> net;
  };
  Trainer& trainer_;
  std::vector<std::string> names_;
  std::vector<Shadow> shadows_;
};

}  // namespace gs::bench

#pragma once
// CycleGAN training (Zhu et al. 2017): ResNet generators G: A -> B and F: B -> A, a PatchGAN (InstanceNorm) per
// domain, D_B judging B against G(A) and D_A judging A against F(B). G and F minimise the adversarial terms plus
// cycle_weight * (|F(G(A)) - A| + |G(F(B)) - B|) plus identity_weight * cycle_weight * (|G(B) - B| + |F(A) - A|);
// each D sees its fakes through a 50-image pool. Least-squares loss, one Adam for both generators and one for
// both discriminators (2e-4, betas 0.5/0.999), as the paper. Seeded and repeatable on the CPU; save()/load()
// capture the networks, optimisers, pools, the global RNG state and both domains' batch positions.
#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "config.h"
#include "models/resnet_generator.h"
#include "training/translation_trainer.h"

namespace gs {

struct UnpairedDataset;

class CycleGanTrainer : public TranslationTrainer {
 public:
  // config.model.input_channels, channels and resolution come from the data. Throws GanscopeError when the config
  // is not a cyclegan one or does not fit the data.
  CycleGanTrainer(TrainConfig config, const UnpairedDataset& train);
  ~CycleGanTrainer() override;
  CycleGanTrainer(const CycleGanTrainer&) = delete;
  CycleGanTrainer& operator=(const CycleGanTrainer&) = delete;

  // One update of G and F on a batch of each domain, then one of D_A and D_B.
  StepStats step() override;

  int64_t stepCount() const override;
  const TrainConfig& config() const override;
  at::Tensor translate(const at::Tensor& x, bool reverse = false) override;

  void save(const std::string& path) const override;
  void load(const std::string& path) override;

  void scaleLearningRates(double factor) override;
  std::string nonFiniteWeights() const override;
  // G (A -> B), or F (B -> A) with `reverse`.
  ResnetGenerator generator(bool reverse = false);
  int64_t poolSize(bool domain_a) const;  // fakes of that domain stored in its pool

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace gs

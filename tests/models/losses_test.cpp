// Loss values on known logits, the saturating vs non-saturating gradients, gradient penalties on linear critics,
// and a real training signal through the DCGAN discriminator.
#include <gtest/gtest.h>
#include <torch/optim/adam.h>

#include <cmath>

#include "models/networks.h"
#include "training/losses.h"

namespace gs {
namespace {

// D(x) = <w, x> + b: its input gradient is w for every sample.
class LinearCritic : public DiscriminatorNet {
 public:
  explicit LinearCritic(at::Tensor w) { w_ = register_parameter("w", std::move(w)); }
  at::Tensor forward(const at::Tensor& x) override { return (x.flatten(1) * w_.flatten()).sum(1) + 0.5; }
  at::Tensor features(const at::Tensor& x) override { return x.flatten(1); }

 private:
  at::Tensor w_;
};

double value(const at::Tensor& t) { return t.item<double>(); }

TEST(Losses, DiscriminatorLossesOnKnownLogits) {
  const at::Tensor zeros = at::zeros({4});
  EXPECT_NEAR(value(discriminatorLoss(LossKind::NonSaturating, zeros, zeros)), 2 * std::log(2.0), 1e-6);
  EXPECT_NEAR(value(discriminatorLoss(LossKind::Minimax, zeros, zeros)), 2 * std::log(2.0), 1e-6);
  const at::Tensor real = at::full({4}, 0.5), fake = at::full({4}, -0.5);
  EXPECT_NEAR(value(discriminatorLoss(LossKind::Hinge, real, fake)), 1.0, 1e-6);
  EXPECT_NEAR(value(discriminatorLoss(LossKind::Hinge, real * 4, fake * 4)), 0.0, 1e-6);  // margins met
  EXPECT_NEAR(value(discriminatorLoss(LossKind::WganGp, real, fake)), -1.0, 1e-6);
  // A confident, correct D has a small logistic loss.
  EXPECT_LT(value(discriminatorLoss(LossKind::NonSaturating, real * 20, fake * 20)), 1e-3);
}

TEST(Losses, GeneratorLossesOnKnownLogits) {
  const at::Tensor zeros = at::zeros({4});
  EXPECT_NEAR(value(generatorLoss(LossKind::NonSaturating, zeros)), std::log(2.0), 1e-6);
  EXPECT_NEAR(value(generatorLoss(LossKind::Minimax, zeros)), -std::log(2.0), 1e-6);
  EXPECT_NEAR(value(generatorLoss(LossKind::Hinge, at::full({4}, 2.0))), -2.0, 1e-6);
  EXPECT_NEAR(value(generatorLoss(LossKind::WganGp, at::full({4}, -3.0))), 3.0, 1e-6);
}

TEST(Losses, MinimaxGradientVanishesWhenDiscriminatorWins) {
  // D is sure the fake is fake: logit -10.
  const at::Tensor logit_mm = at::full({1}, -10.0).requires_grad_(true);
  const at::Tensor logit_ns = at::full({1}, -10.0).requires_grad_(true);
  generatorLoss(LossKind::Minimax, logit_mm).backward();
  generatorLoss(LossKind::NonSaturating, logit_ns).backward();
  EXPECT_LT(std::abs(value(logit_mm.grad()[0])), 1e-4);         // saturating: almost nothing to learn from
  EXPECT_NEAR(value(logit_ns.grad()[0]), -1.0, 1e-3);           // non-saturating: full-strength push upwards
}

TEST(Losses, MeanDiscriminatorOutput) {
  EXPECT_NEAR(meanDiscriminatorOutput(LossKind::NonSaturating, at::zeros({3})), 0.5, 1e-9);
  EXPECT_NEAR(meanDiscriminatorOutput(LossKind::Hinge, at::full({3}, 2.5)), 2.5, 1e-6);
}

TEST(Penalties, GradientPenaltyIsZeroForUnitGradientAndPositiveOtherwise) {
  const at::Tensor real = at::randn({5, 2, 4, 4}), fake = at::randn({5, 2, 4, 4});
  at::Tensor w = at::randn({2 * 4 * 4});
  w = w / w.norm();
  LinearCritic unit(w.clone().requires_grad_(true));
  EXPECT_NEAR(value(gradientPenalty(unit, real, fake)), 0.0, 1e-6);
  LinearCritic doubled((w * 2).requires_grad_(true));
  EXPECT_NEAR(value(gradientPenalty(doubled, real, fake)), 1.0, 1e-5);  // (2 - 1)^2
  // Differentiable w.r.t. D's parameters: the penalty pulls ||w|| back towards 1.
  const at::Tensor gp = gradientPenalty(doubled, real, fake);
  gp.backward();
  const at::Tensor wp = doubled.parameters()[0];
  EXPECT_GT(value((wp.grad() * wp).sum()), 0.0);
}

TEST(Penalties, R1IsTheSquaredWeightNormOfALinearCritic) {
  const at::Tensor w = at::randn({3 * 4 * 4}).requires_grad_(true);
  LinearCritic d(w);
  const at::Tensor r1 = r1Penalty(d, at::randn({4, 3, 4, 4}));
  EXPECT_NEAR(value(r1), value(w.detach().pow(2).sum()), 1e-4);
  r1.backward();
  EXPECT_TRUE(at::allclose(w.grad(), 2 * w.detach(), 1e-4, 1e-5));  // d||w||^2 / dw
}

TEST(Penalties, WorkThroughTheDcganCritic) {
  ModelConfig config;
  config.resolution = 32;
  config.channels = 3;
  config.d_width = 8;
  auto d = makeDiscriminator(config, LossKind::WganGp);
  const at::Tensor real = at::rand({4, 3, 32, 32}) * 2 - 1, fake = at::rand({4, 3, 32, 32}) * 2 - 1;
  const at::Tensor gp = gradientPenalty(*d, real, fake), r1 = r1Penalty(*d, real);
  EXPECT_GT(value(gp), 0.0);
  EXPECT_GT(value(r1), 0.0);
  (gp + r1).backward();
  double grad_norm = 0;
  for (const auto& p : d->parameters()) grad_norm += p.grad().defined() ? value(p.grad().norm()) : 0.0;
  EXPECT_GT(grad_norm, 0.0);
}

TEST(Penalties, GradientPenaltyGradientMatchesFiniteDifferences) {
  // Double precision so a central difference is exact enough; the same seed gives the same interpolates.
  // Seeded, and the checked weight is the one with the largest gradient: an unseeded draw once picked a weight
  // whose gradient was 3e-7, below what a central difference resolves.
  torch::manual_seed(5);
  ModelConfig config;
  config.resolution = 32;
  config.channels = 1;
  config.d_width = 4;
  auto d = makeDiscriminator(config, LossKind::WganGp);
  d->to(at::kDouble);
  const at::Tensor real = at::rand({2, 1, 32, 32}, at::kDouble), fake = at::rand({2, 1, 32, 32}, at::kDouble);
  const auto penalty = [&] {
    torch::manual_seed(11);
    return gradientPenalty(*d, real, fake);
  };
  penalty().backward();
  at::Tensor w = d->named_parameters()["body.2.weight"];
  const int64_t k = w.grad().flatten().abs().argmax().item<int64_t>();
  const double analytic = value(w.grad().flatten()[k]);
  const double eps = 1e-6;
  double plus, minus;
  {
    at::NoGradGuard no_grad;
    w.flatten()[k] += eps;
  }
  plus = value(penalty());
  {
    at::NoGradGuard no_grad;
    w.flatten()[k] -= 2 * eps;
  }
  minus = value(penalty());
  EXPECT_GT(std::abs(analytic), 1e-6);
  EXPECT_NEAR(analytic, (plus - minus) / (2 * eps), 1e-4 * std::abs(analytic));
}

TEST(Training, DiscriminatorLossFallsOnATinyBatch) {
  torch::manual_seed(3);
  ModelConfig config;
  config.resolution = 32;
  config.channels = 1;
  config.latent_dim = 8;
  config.g_width = 8;
  config.d_width = 8;
  auto g = makeGenerator(config);
  auto d = makeDiscriminator(config);
  torch::optim::Adam opt(d->parameters(), torch::optim::AdamOptions(2e-4).betas({0.5, 0.999}));
  // Reals: bright top half, dark bottom half; fakes come from the untrained generator.
  at::Tensor real = at::full({8, 1, 32, 32}, -0.8);
  real.slice(2, 0, 16).fill_(0.8);
  const at::Tensor fake = g->forward(at::randn({8, 8})).detach();
  double first = 0, last = 0;
  for (int step = 0; step < 15; ++step) {
    opt.zero_grad();
    const at::Tensor loss = discriminatorLoss(LossKind::NonSaturating, d->forward(real), d->forward(fake));
    loss.backward();
    opt.step();
    (step == 0 ? first : last) = value(loss);
  }
  EXPECT_LT(last, first * 0.7);
  // And G, against this D, can lower its own loss.
  torch::optim::Adam g_opt(g->parameters(), torch::optim::AdamOptions(1e-3).betas({0.5, 0.999}));
  for (auto& p : d->parameters()) p.requires_grad_(false);
  const at::Tensor z = at::randn({8, 8});
  double g_first = 0, g_last = 0;
  for (int step = 0; step < 15; ++step) {
    g_opt.zero_grad();
    const at::Tensor loss = generatorLoss(LossKind::NonSaturating, d->forward(g->forward(z)));
    loss.backward();
    g_opt.step();
    (step == 0 ? g_first : g_last) = value(loss);
  }
  EXPECT_LT(g_last, g_first);
}

}  // namespace
}  // namespace gs

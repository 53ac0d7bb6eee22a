#include "training/losses.h"

#include <torch/csrc/autograd/autograd.h>

#include "models/networks.h"

namespace gs {
namespace {

// Per-sample input gradient of D, with a graph so the penalty can be differentiated w.r.t. D's parameters.
at::Tensor inputGradient(DiscriminatorNet& d, const at::Tensor& x, const at::Tensor& classes) {
  const at::Tensor scores = d.forwardWithClasses(x, classes);
  return torch::autograd::grad({scores.sum()}, {x}, /*grad_outputs=*/{}, /*retain_graph=*/true,
                               /*create_graph=*/true)[0];
}

}  // namespace

at::Tensor discriminatorLoss(LossKind kind, const at::Tensor& real_logits, const at::Tensor& fake_logits) {
  switch (kind) {
    case LossKind::Minimax:
    case LossKind::NonSaturating:
      return at::softplus(-real_logits).mean() + at::softplus(fake_logits).mean();
    case LossKind::WganGp:
      return fake_logits.mean() - real_logits.mean();
    case LossKind::Hinge:
      return at::relu(1.0 - real_logits).mean() + at::relu(1.0 + fake_logits).mean();
    case LossKind::LeastSquares:
      return (real_logits - 1.0).pow(2).mean() + fake_logits.pow(2).mean();
  }
  TORCH_CHECK(false, "unknown loss kind");
}

at::Tensor generatorLoss(LossKind kind, const at::Tensor& fake_logits) {
  switch (kind) {
    case LossKind::Minimax:
      return -at::softplus(fake_logits).mean();
    case LossKind::NonSaturating:
      return at::softplus(-fake_logits).mean();
    case LossKind::WganGp:
    case LossKind::Hinge:
      return -fake_logits.mean();
    case LossKind::LeastSquares:
      return (fake_logits - 1.0).pow(2).mean();
  }
  TORCH_CHECK(false, "unknown loss kind");
}

at::Tensor gradientPenalty(DiscriminatorNet& d, const at::Tensor& real, const at::Tensor& fake,
                           c10::optional<at::Generator> gen, const at::Tensor& classes, const BatchShard& shard) {
  TORCH_CHECK(real.sizes() == fake.sizes(), "gradientPenalty: real ", real.sizes(), " and fake ", fake.sizes(),
              " differ in shape");
  std::vector<int64_t> alpha_shape(static_cast<size_t>(real.dim()), 1);
  alpha_shape[0] = shard.globalRows(real.size(0));
  const at::Tensor alpha = shard.take(at::rand(alpha_shape, gen, real.options()));
  const at::Tensor x_hat =
      (alpha * real.detach() + (1.0 - alpha) * fake.detach()).requires_grad_(true);
  const at::Tensor grad = inputGradient(d, x_hat, classes).flatten(1);
  // The epsilon keeps the norm differentiable where a gradient is exactly zero.
  const at::Tensor norm = (grad.pow(2).sum(1) + 1e-12).sqrt();
  return (norm - 1.0).pow(2).mean();
}

at::Tensor r1Penalty(DiscriminatorNet& d, const at::Tensor& real, const at::Tensor& classes) {
  const at::Tensor x = real.detach().requires_grad_(true);
  return inputGradient(d, x, classes).flatten(1).pow(2).sum(1).mean();
}

double meanDiscriminatorOutput(LossKind kind, const at::Tensor& logits) {
  const at::Tensor l = logits.detach();
  if (kind == LossKind::Minimax || kind == LossKind::NonSaturating) return at::sigmoid(l).mean().item<double>();
  return l.mean().item<double>();
}

}  // namespace gs

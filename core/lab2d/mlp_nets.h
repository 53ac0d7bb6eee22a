#pragma once
// The 2D lab's networks: small fully connected generator (z -> point) and discriminator (point -> logit), the
// shape used by the 2D mode-collapse experiments (a few hidden layers of about 128 units).
#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include <vector>

#include "models/networks.h"

namespace gs {

enum class Activation { Relu, LeakyRelu };

struct MlpOptions {
  int64_t in = 2;                           // input features
  int64_t out = 2;                          // output features
  int width = 128;                          // units per hidden layer
  int depth = 3;                            // hidden layers
  Activation activation = Activation::Relu;
};

// Linear -> activation, `depth` times, then a linear output layer. Weights drawn from `gen` (PyTorch's default
// uniform +-1/sqrt(fan_in)) so a seed fixes the network without touching the global generator.
class MlpStack : public torch::nn::Module {
 public:
  MlpStack(const MlpOptions& options, at::Generator gen);
  at::Tensor forward(const at::Tensor& x) { return output_->forward(hidden(x)); }
  // Activations of the last hidden layer.
  at::Tensor hidden(const at::Tensor& x);

 private:
  MlpOptions options_;
  std::vector<torch::nn::Linear> layers_;
  torch::nn::Linear output_{nullptr};
};

// z [N, latent] -> points [N, 2].
class MlpGenerator : public GeneratorNet {
 public:
  MlpGenerator(int latent_dim, const MlpOptions& options, at::Generator gen);
  at::Tensor forward(const at::Tensor& z) override { return net_->forward(z); }

 private:
  std::shared_ptr<MlpStack> net_;
};

// points [N, 2 * pack] -> logits [N]. With pack > 1 D judges `pack` points at once (PacGAN), which penalises a
// generator whose samples are too alike.
class MlpDiscriminator : public DiscriminatorNet {
 public:
  MlpDiscriminator(int pack, const MlpOptions& options, at::Generator gen);
  at::Tensor forward(const at::Tensor& x) override { return net_->forward(x).squeeze(1); }
  at::Tensor features(const at::Tensor& x) override { return net_->hidden(x); }

 private:
  std::shared_ptr<MlpStack> net_;
};

}  // namespace gs

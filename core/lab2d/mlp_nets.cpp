#include "lab2d/mlp_nets.h"

#include <ATen/ops/leaky_relu.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <cmath>
#include <string>

namespace gs {
namespace {

torch::nn::Linear seededLinear(int64_t in, int64_t out, at::Generator gen) {
  torch::nn::Linear layer(torch::nn::LinearOptions(in, out));
  torch::NoGradGuard no_grad;
  const double bound = 1.0 / std::sqrt(double(in));
  layer->weight.uniform_(-bound, bound, gen);
  layer->bias.uniform_(-bound, bound, gen);
  return layer;
}

}  // namespace

MlpStack::MlpStack(const MlpOptions& options, at::Generator gen) : options_(options) {
  TORCH_CHECK(options.depth >= 1 && options.width >= 1, "MLP needs at least one hidden layer of one unit, got depth ",
              options.depth, " width ", options.width);
  int64_t in = options.in;
  for (int i = 0; i < options.depth; ++i) {
    layers_.push_back(register_module("hidden" + std::to_string(i), seededLinear(in, options.width, gen)));
    in = options.width;
  }
  output_ = register_module("output", seededLinear(in, options.out, gen));
}

at::Tensor MlpStack::hidden(const at::Tensor& x) {
  at::Tensor h = x;
  for (auto& layer : layers_) {
    h = layer->forward(h);
    h = options_.activation == Activation::Relu ? at::relu(h) : at::leaky_relu(h, 0.2);
  }
  return h;
}

MlpGenerator::MlpGenerator(int latent_dim, const MlpOptions& options, at::Generator gen) {
  MlpOptions o = options;
  o.in = latent_dim;
  o.out = 2;
  net_ = register_module("net", std::make_shared<MlpStack>(o, gen));
}

MlpDiscriminator::MlpDiscriminator(int pack, const MlpOptions& options, at::Generator gen) {
  TORCH_CHECK(pack >= 1, "pack must be at least 1, got ", pack);
  MlpOptions o = options;
  o.in = 2 * pack;
  o.out = 1;
  net_ = register_module("net", std::make_shared<MlpStack>(o, gen));
}

}  // namespace gs

#pragma once
// The interfaces every generator and discriminator implements, and the factories that build them from a
// ModelConfig. The trainer, checkpoints and the latent explorer only see these.
#include <ATen/ATen.h>
#include <torch/nn/module.h>

#include <memory>

#include "config.h"

namespace gs {

// Maps latents z [N, latent_dim] to images [N, channels, resolution, resolution] in [-1, 1].
//
// Class-conditional generators (ModelConfig::num_classes > 0) also take classes [N] (int64, 0..K-1). Their
// forward(z) without classes cycles through the classes (image i gets class i mod K), so code that only knows
// latents (health probes, EMA statistics) sees every class equally.
class GeneratorNet : public torch::nn::Module {
 public:
  virtual at::Tensor forward(const at::Tensor& z) = 0;
  // Undefined `classes`: forward(z). An unconditional generator refuses defined classes.
  virtual at::Tensor forwardWithClasses(const at::Tensor& z, const at::Tensor& classes);
  virtual int64_t numClasses() const { return 0; }
};

// Maps images [N, C, H, W] in [-1, 1] to one logit (or critic score) per image, shape [N].
//
// A class-conditional discriminator is a projection discriminator (Miyato & Koyama 2018):
// D(x, y) = psi(phi(x)) + <embed(y), phi(x)> with phi = features(x). Its forward(x) without classes is the
// class-agnostic term psi(phi(x)) alone.
class DiscriminatorNet : public torch::nn::Module {
 public:
  virtual at::Tensor forward(const at::Tensor& x) = 0;
  // Penultimate features [N, F], used by the diversity measures.
  virtual at::Tensor features(const at::Tensor& x) = 0;
  // Undefined `classes`: forward(x). An unconditional discriminator refuses defined classes.
  virtual at::Tensor forwardWithClasses(const at::Tensor& x, const at::Tensor& classes);
  virtual int64_t numClasses() const { return 0; }
  // The projection term of every class, [N, K]: the class D's features put an image in is the argmax.
  // Undefined for an unconditional discriminator.
  virtual at::Tensor classScores(const at::Tensor& x) { return {}; }
};

// Classes [n] cycling 0..classes-1 on `device` (what a conditional generator's forward(z) uses).
at::Tensor cyclingClasses(int64_t n, int64_t classes, c10::Device device);

// Throws GanscopeError when the config asks for something unsupported (resolution, channels, kind).
std::shared_ptr<GeneratorNet> makeGenerator(const ModelConfig& config);
std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config);
// Per-sample gradient penalties (WGAN-GP, R1) are wrong through batch statistics: these overloads build D without
// BatchNorm when the loss is WganGp (first) or when loss is WganGp or r1_gamma > 0 (second). The trainer should
// use the OptimConfig overload.
std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config, LossKind loss);
std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config, const OptimConfig& optim);

}  // namespace gs

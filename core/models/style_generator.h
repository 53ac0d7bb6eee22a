#pragma once
// StyleGAN2-style generator (Karras et al. 2020) for 32-256 px: mapping network, learned 4x4 constant, modulated
// and demodulated 3x3 convolutions with per-layer noise, skip architecture (one ToRGB per resolution, upsampled
// and summed). Linear output, roughly in [-1, 1] like the data.
//
// forward(z) in training mode also tracks w_avg and applies style-mixing regularisation (probability 0.9, random
// crossover layer) with noise from the global RNG, which the Trainer swaps per step so resume stays exact; in a
// data-parallel step the per-row draws are made for the global batch and sharded (currentBatchShard()). In
// eval mode it maps z once for every layer and uses fixed noise (seed 0), so rendering is deterministic.
//
// Class-conditional (num_classes > 0): a learned embedding per class [w_dim], normalised like z and concatenated
// to it at the mapping network's input (as StyleGAN2-ADA conditions), so every layer's w carries the class.
#include <torch/nn/modules/container/modulelist.h>

#include "models/modulated_conv.h"
#include "models/style_mapping.h"
#include "models/style_network.h"

namespace gs {

// Channels at resolution `res` of a `resolution` px network: width * resolution / res, at most 8x width and 512.
int64_t styleWidth(int width, int resolution, int res);

class StyleGenerator : public StyleGeneratorNet {
 public:
  static constexpr double kWAvgBeta = 0.995;
  static constexpr double kMixingProbability = 0.9;

  explicit StyleGenerator(const ModelConfig& config);
  at::Tensor forward(const at::Tensor& z) override;
  at::Tensor forwardWithClasses(const at::Tensor& z, const at::Tensor& classes) override;
  int64_t numClasses() const override { return class_embed_.defined() ? class_embed_.size(0) : 0; }

  int numStyleLayers() const override { return static_cast<int>(layer_res_.size()); }
  std::vector<int> layerResolutions() const override { return layer_res_; }
  int64_t wDim() const override { return w_dim_; }
  at::Tensor mapping(const at::Tensor& z) override;
  at::Tensor mappingWithClasses(const at::Tensor& z, const at::Tensor& classes) override;
  at::Tensor wAvg() const override { return w_avg_; }
  at::Tensor synthesis(const at::Tensor& ws, const NoiseSpec& noise) override;

 private:
  // Training or eval forward with classes (undefined: unconditional).
  at::Tensor generate(const at::Tensor& z, const at::Tensor& classes);
  at::Tensor noiseFor(int layer, int64_t n, const NoiseSpec& spec, const at::Tensor& like) const;

  int latent_dim_;
  int64_t w_dim_;
  std::vector<int> layer_res_;
  MappingNetwork mapping_{nullptr};
  at::Tensor const_input_;  // [C4, 4, 4]
  torch::nn::ModuleList layers_{nullptr};
  torch::nn::ModuleList to_rgb_{nullptr};  // one per resolution
  at::Tensor w_avg_;                       // buffer [w_dim]
  at::Tensor class_embed_;                 // [num_classes, w_dim]; undefined when unconditional
};

}  // namespace gs

#pragma once
// What a style-based generator offers beyond GeneratorNet: the mapping z -> w, synthesis from one w per layer
// (w+), the tracked average w (truncation) and control of the per-layer noise. The explorer uses it for style
// mixing, per-layer truncation and noise; the trainer only ever calls forward(z).
#include <cstdint>
#include <vector>

#include "models/networks.h"

namespace gs {

// Noise inputs of the synthesis layers.
struct NoiseSpec {
  bool random = false;      // fresh noise per image from the global RNG (training)
  uint64_t seed = 0;        // otherwise fixed maps from this seed, the same for every image of a batch
  std::vector<float> gain;  // per layer, multiplies the learned noise strength; empty: all 1
};

class StyleGeneratorNet : public GeneratorNet {
 public:
  // Synthesis layers, each taking its own w (4x4 has one; every higher resolution two).
  virtual int numStyleLayers() const = 0;
  // Output resolution of each layer: 4, 8, 8, 16, 16, ...
  virtual std::vector<int> layerResolutions() const = 0;
  virtual int64_t wDim() const = 0;
  // z [N, latent_dim] -> w [N, w_dim]; never updates the average. A class-conditional generator maps z with
  // its class (the class embedding joins z at the mapping network's input); mapping(z) cycles the classes.
  virtual at::Tensor mapping(const at::Tensor& z) = 0;
  // Undefined `classes`: mapping(z).
  virtual at::Tensor mappingWithClasses(const at::Tensor& z, const at::Tensor& classes) = 0;
  // Running average of mapped w [w_dim] (a buffer, EMA beta 0.995 of each training batch's mean).
  virtual at::Tensor wAvg() const = 0;
  // ws [N, numStyleLayers(), w_dim] -> images [N, channels, R, R].
  virtual at::Tensor synthesis(const at::Tensor& ws, const NoiseSpec& noise) = 0;
};

}  // namespace gs

#include "explore/style_render.h"

#include <string>

#include "util/error.h"

namespace gs {
namespace {

void checkSize(const std::vector<float>& v, int64_t expected, const std::string& what) {
  if (!v.empty() && static_cast<int64_t>(v.size()) != expected)
    throw GanscopeError("style controls: " + what + " has " + std::to_string(v.size()) +
                        " values, the generator takes " + std::to_string(expected));
}

void checkLayerCount(const StyleControls& c, int layers) {
  if (!c.layers.empty() && static_cast<int>(c.layers.size()) != layers)
    throw GanscopeError("style controls: " + std::to_string(c.layers.size()) +
                        " layer settings for a generator with " + std::to_string(layers) + " synthesis layers");
}

at::Tensor row(const std::vector<float>& v, const at::Tensor& like) {
  return at::tensor(at::ArrayRef<float>(v), at::kFloat).to(like.device()).view({1, -1});
}

}  // namespace

at::Tensor styleLatents(StyleGeneratorNet& g, const at::Tensor& z, float truncation, const StyleControls& c,
                        const at::Tensor& classes) {
  const int layers = g.numStyleLayers();
  const int64_t w_dim = g.wDim(), n = z.size(0);
  checkLayerCount(c, layers);
  checkSize(c.latent_b, z.size(1), "latent B");
  checkSize(c.w_offset, w_dim, "the w offset");
  const at::Tensor w = g.mappingWithClasses(z, classes);  // [N, w_dim]
  const at::Tensor class_b = classes.defined() ? classes.narrow(0, 0, 1) : at::Tensor();
  const at::Tensor w_b =
      c.latent_b.empty() ? at::Tensor() : g.mappingWithClasses(row(c.latent_b, z), class_b).expand({n, w_dim});
  const at::Tensor w_avg = g.wAvg().view({1, w_dim});
  const at::Tensor shared_offset = c.w_offset.empty() ? at::Tensor() : row(c.w_offset, z);

  std::vector<at::Tensor> per_layer;
  per_layer.reserve(static_cast<size_t>(layers));
  for (int l = 0; l < layers; ++l) {
    const StyleLayerControl layer = c.layers.empty() ? StyleLayerControl{} : c.layers[static_cast<size_t>(l)];
    checkSize(layer.w_offset, w_dim, "the w+ offset of layer " + std::to_string(l));
    const at::Tensor& source = layer.from_b && w_b.defined() ? w_b : w;
    at::Tensor wl = w_avg + (source - w_avg) * (truncation * layer.truncation);
    // Edits after truncation, so an edit keeps its strength whatever psi is.
    if (shared_offset.defined()) wl = wl + shared_offset;
    if (!layer.w_offset.empty()) wl = wl + row(layer.w_offset, z);
    per_layer.push_back(wl);
  }
  return at::stack(per_layer, 1);
}

NoiseSpec styleNoise(StyleGeneratorNet& g, const StyleControls& c) {
  NoiseSpec noise;
  noise.seed = c.noise_seed;
  checkLayerCount(c, g.numStyleLayers());
  for (const auto& l : c.layers) noise.gain.push_back(l.noise);
  return noise;
}

}  // namespace gs

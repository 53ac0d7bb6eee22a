#include "models/style_generator.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/GradMode.h>

#include <algorithm>

#include "distributed/batch_shard.h"
#include "models/conditional_batchnorm.h"
#include "util/seeded_stream.h"

namespace gs {
namespace {

// Each layer's fixed noise map has its own stream.
uint64_t noiseSeed(uint64_t seed, int layer) { return deriveSeed(seed, static_cast<uint64_t>(layer)); }

}  // namespace

int64_t styleWidth(int width, int resolution, int res) {
  const int64_t factor = std::min<int64_t>(8, resolution / res);
  return std::min<int64_t>(512, static_cast<int64_t>(width) * factor);
}

StyleGenerator::StyleGenerator(const ModelConfig& config)
    : latent_dim_(config.latent_dim), w_dim_(config.w_dim > 0 ? config.w_dim : config.latent_dim) {
  const int r = config.resolution;
  const int64_t embed_dim = config.num_classes > 0 ? w_dim_ : 0;
  mapping_ = register_module("mapping", MappingNetwork(latent_dim_ + embed_dim, w_dim_, config.mapping_layers));
  const_input_ = register_parameter("const", at::randn({styleWidth(config.g_width, r, 4), 4, 4}));
  layers_ = torch::nn::ModuleList();
  to_rgb_ = torch::nn::ModuleList();
  // 4x4: one layer on the constant; every doubling: an upsampling layer and a plain one; a ToRGB per resolution.
  int64_t in = styleWidth(config.g_width, r, 4);
  for (int res = 4; res <= r; res *= 2) {
    const int64_t out = styleWidth(config.g_width, r, res);
    if (res > 4) {
      layers_->push_back(StyleLayer(in, out, w_dim_, /*upsample=*/true));
      layer_res_.push_back(res);
    }
    layers_->push_back(StyleLayer(out, out, w_dim_, /*upsample=*/false));
    layer_res_.push_back(res);
    to_rgb_->push_back(ToRgb(out, config.channels, w_dim_));
    in = out;
  }
  register_module("layers", layers_);
  register_module("to_rgb", to_rgb_);
  w_avg_ = register_buffer("w_avg", at::zeros({w_dim_}));
  if (config.num_classes > 0) class_embed_ = register_parameter("class_embed", at::randn({config.num_classes, w_dim_}));
}

at::Tensor StyleGenerator::mapping(const at::Tensor& z) {
  if (class_embed_.defined()) return mappingWithClasses(z, cyclingClasses(z.size(0), numClasses(), z.device()));
  TORCH_CHECK(z.dim() == 2 && z.size(1) == latent_dim_, "generator expects latents [N, ", latent_dim_, "], got ",
              z.sizes());
  return mapping_->forward(z);
}

at::Tensor StyleGenerator::mappingWithClasses(const at::Tensor& z, const at::Tensor& classes) {
  if (!classes.defined()) return mapping(z);
  if (!class_embed_.defined()) return GeneratorNet::forwardWithClasses(z, classes);  // throws: not conditional
  TORCH_CHECK(z.dim() == 2 && z.size(1) == latent_dim_, "generator expects latents [N, ", latent_dim_, "], got ",
              z.sizes());
  checkClasses(classes, z.size(0), numClasses());
  const at::Tensor embed = pixelNorm(class_embed_.index_select(0, classes.to(z.device())));
  return mapping_->forward(at::cat({pixelNorm(z), embed}, 1));
}

at::Tensor StyleGenerator::forward(const at::Tensor& z) {
  return generate(z, class_embed_.defined() ? cyclingClasses(z.size(0), numClasses(), z.device()) : at::Tensor());
}

at::Tensor StyleGenerator::forwardWithClasses(const at::Tensor& z, const at::Tensor& classes) {
  if (!classes.defined() || !class_embed_.defined()) return GeneratorNet::forwardWithClasses(z, classes);
  return generate(z, classes);
}

at::Tensor StyleGenerator::generate(const at::Tensor& z, const at::Tensor& classes) {
  const at::Tensor w = mappingWithClasses(z, classes);
  const int64_t n = z.size(0), layers = numStyleLayers();
  at::Tensor ws = w.unsqueeze(1).expand({n, layers, w_dim_});
  if (!is_training()) return synthesis(ws, NoiseSpec{});

  {
    at::NoGradGuard no_grad;
    w_avg_.copy_(w.detach().mean(0).lerp(w_avg_, kWAvgBeta));
  }
  // Style mixing: from a random layer on, the styles of a second latent, so neighbouring layers can't rely on
  // sharing one w. Decided per batch from the global RNG.
  const bool mix = at::rand({1}).item<double>() < kMixingProbability;
  const int64_t cutoff = at::randint(1, layers, {1}).item<int64_t>();
  if (mix && layers > 1) {
    const at::Tensor z2 = currentBatchShard().take(at::randn({currentBatchShard().globalRows(n), z.size(1)}, z.options()));
    const at::Tensor w2 = mappingWithClasses(z2, classes);
    ws = at::cat({ws.narrow(1, 0, cutoff), w2.unsqueeze(1).expand({n, layers - cutoff, w_dim_})}, 1);
  }
  NoiseSpec noise;
  noise.random = true;
  return synthesis(ws, noise);
}

at::Tensor StyleGenerator::noiseFor(int layer, int64_t n, const NoiseSpec& spec, const at::Tensor& like) const {
  const int64_t res = layer_res_[static_cast<size_t>(layer)];
  if (spec.random) return currentBatchShard().take(at::randn({currentBatchShard().globalRows(n), 1, res, res}, like.options()));
  at::Generator gen = at::detail::createCPUGenerator(noiseSeed(spec.seed, layer));
  return at::randn({1, 1, res, res}, gen, at::TensorOptions(at::kFloat)).to(like.device(), like.scalar_type());
}

at::Tensor StyleGenerator::synthesis(const at::Tensor& ws, const NoiseSpec& noise) {
  const int64_t layers = numStyleLayers();
  TORCH_CHECK(ws.dim() == 3 && ws.size(1) == layers && ws.size(2) == w_dim_, "synthesis expects ws [N, ", layers,
              ", ", w_dim_, "], got ", ws.sizes());
  TORCH_CHECK(noise.gain.empty() || static_cast<int64_t>(noise.gain.size()) == layers, "synthesis: ",
              noise.gain.size(), " noise gains for ", layers, " layers");
  const int64_t n = ws.size(0);
  at::Tensor x = const_input_.unsqueeze(0).expand({n, -1, -1, -1});
  at::Tensor image;
  size_t rgb = 0;
  for (int64_t i = 0; i < layers; ++i) {
    const at::Tensor w = ws.select(1, i);
    const double gain = noise.gain.empty() ? 1.0 : noise.gain[static_cast<size_t>(i)];
    const at::Tensor maps = gain != 0.0 ? noiseFor(static_cast<int>(i), n, noise, ws) : at::Tensor();
    x = layers_[static_cast<size_t>(i)]->as<StyleLayerImpl>()->forward(x, w, maps, gain);
    // The last layer of each resolution feeds that resolution's ToRGB (with the same w).
    if (i + 1 == layers || layer_res_[static_cast<size_t>(i + 1)] != layer_res_[static_cast<size_t>(i)]) {
      const at::Tensor rgb_out = to_rgb_[rgb++]->as<ToRgbImpl>()->forward(x, w);
      image = image.defined() ? upsample2x(image) + rgb_out : rgb_out;
    }
  }
  return image.contiguous();
}

}  // namespace gs

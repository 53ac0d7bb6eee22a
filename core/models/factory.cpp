// makeGenerator / makeDiscriminator: validate the model part of the config and build the networks.
#include <string>

#include "models/cpu_speed.h"
#include "models/dcgan.h"
#include "models/networks.h"
#include "models/residual_discriminator.h"
#include "models/style_generator.h"
#include "util/error.h"

namespace gs {
namespace {

void checkCommon(const ModelConfig& config) {
  tuneCpuAllocator();
  // Image-to-image models have their own networks (models/unet.h, models/patch_discriminator.h).
  if (isTranslationModel(config.kind))
    throw GanscopeError(toString(config.kind) + " is an image-to-image model: it translates an input image and "
                        "draws nothing from latents (use `ganscope-cli translate` or the Image to image tab)");
  const int r = config.resolution;
  if (r != 32 && r != 64 && r != 128 && r != 256)
    throw GanscopeError("model resolution " + std::to_string(r) + " is not supported (use 32, 64, 128 or 256)");
  const int c = config.channels;
  if (c != 1 && c != 3 && c != 4)
    throw GanscopeError("model channels " + std::to_string(c) + " is not supported (use 1, 3 or 4)");
  if (config.latent_dim <= 0 || config.latent_dim > 4096)
    throw GanscopeError("latent_dim " + std::to_string(config.latent_dim) + " is out of range (1-4096)");
  if (config.g_width <= 0 || config.g_width > 1024 || config.d_width <= 0 || config.d_width > 1024)
    throw GanscopeError("g_width / d_width must be in 1-1024");
  if (config.num_classes < 0 || config.num_classes > 1000)
    throw GanscopeError("num_classes " + std::to_string(config.num_classes) + " is out of range (0-1000)");
  if (config.kind == ModelKind::Style) {
    if (config.mapping_layers < 1 || config.mapping_layers > 16)
      throw GanscopeError("mapping_layers " + std::to_string(config.mapping_layers) + " is out of range (1-16)");
    if (config.w_dim < 0 || config.w_dim > 4096)
      throw GanscopeError("w_dim " + std::to_string(config.w_dim) + " is out of range (0: latent_dim, or 1-4096)");
  }
}

std::shared_ptr<DiscriminatorNet> buildDiscriminator(const ModelConfig& config, bool batchnorm) {
  checkCommon(config);
  // The residual discriminator has no normalisation to switch off and always uses minibatch std.
  if (config.kind == ModelKind::Style) return std::make_shared<ResidualDiscriminator>(config);
  DcganDiscriminatorOptions options;
  options.batchnorm = batchnorm;
  options.spectral_norm = config.spectral_norm;
  options.minibatch_std = config.minibatch_std;
  return std::make_shared<DcganDiscriminator>(config, options);
}

}  // namespace

at::Tensor GeneratorNet::forwardWithClasses(const at::Tensor& z, const at::Tensor& classes) {
  if (classes.defined()) throw GanscopeError("this generator is not class-conditional: it takes no class");
  return forward(z);
}

at::Tensor DiscriminatorNet::forwardWithClasses(const at::Tensor& x, const at::Tensor& classes) {
  if (classes.defined()) throw GanscopeError("this discriminator is not class-conditional: it takes no class");
  return forward(x);
}

at::Tensor cyclingClasses(int64_t n, int64_t classes, c10::Device device) {
  return at::arange(n, at::TensorOptions(at::kLong)).remainder(classes).to(device);
}

std::shared_ptr<GeneratorNet> makeGenerator(const ModelConfig& config) {
  checkCommon(config);
  if (config.kind == ModelKind::Style) return std::make_shared<StyleGenerator>(config);
  return std::make_shared<DcganGenerator>(config);
}

std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config) {
  return buildDiscriminator(config, /*batchnorm=*/true);
}

std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config, LossKind loss) {
  return buildDiscriminator(config, /*batchnorm=*/loss != LossKind::WganGp);
}

std::shared_ptr<DiscriminatorNet> makeDiscriminator(const ModelConfig& config, const OptimConfig& optim) {
  return buildDiscriminator(config, /*batchnorm=*/optim.loss != LossKind::WganGp && optim.r1_gamma <= 0.0);
}

}  // namespace gs

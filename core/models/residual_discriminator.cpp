#include "models/residual_discriminator.h"

#include <cmath>

#include "models/cpu_speed.h"
#include "models/layers.h"
#include "models/style_generator.h"

namespace gs {

ResidualBlockImpl::ResidualBlockImpl(int64_t in_channels, int64_t out_channels) {
  conv0_ = register_module("conv0", EqualizedConv2d(in_channels, in_channels, 3));
  conv1_ = register_module("conv1", EqualizedConv2d(in_channels, out_channels, 3));
  skip_ = register_module("skip", EqualizedConv2d(in_channels, out_channels, 1, /*bias=*/false));
}

at::Tensor ResidualBlockImpl::forward(const at::Tensor& x) {
  // Downsampling before the second convolution runs it on a quarter of the pixels.
  const at::Tensor h = at::avg_pool2d(leakyReluGain(conv0_->forward(x)), 2);
  const at::Tensor main = leakyReluGain(conv1_->forward(h));
  const at::Tensor skip = skip_->forward(at::avg_pool2d(toConvLayout(x), 2));
  return (main + skip) * std::sqrt(0.5);
}

ResidualDiscriminator::ResidualDiscriminator(const ModelConfig& config) {
  const int r = config.resolution;
  from_rgb_ = register_module("from_rgb", EqualizedConv2d(config.channels, styleWidth(config.d_width, r, r), 1));
  blocks_ = torch::nn::ModuleList();
  for (int res = r; res > 4; res /= 2)
    blocks_->push_back(ResidualBlock(styleWidth(config.d_width, r, res), styleWidth(config.d_width, r, res / 2)));
  register_module("blocks", blocks_);
  const int64_t c4 = styleWidth(config.d_width, r, 4);
  epilogue_conv_ = register_module("epilogue_conv", EqualizedConv2d(c4 + 1, c4, 3));
  fc_ = register_module("fc", EqualizedLinear(c4 * 16, c4));
  out_ = register_module("out", EqualizedLinear(c4, 1));
  if (config.num_classes > 0) projection_ = register_module("projection", ProjectionHead(config.num_classes, c4));
}

at::Tensor ResidualDiscriminator::features(const at::Tensor& x) {
  at::Tensor h = leakyReluGain(from_rgb_->forward(x));
  for (const auto& block : *blocks_) h = block->as<ResidualBlockImpl>()->forward(h);
  h = leakyReluGain(epilogue_conv_->forward(minibatchStdDev(h)));
  return leakyReluGain(fc_->forward(h.flatten(1)));
}

at::Tensor ResidualDiscriminator::forward(const at::Tensor& x) {
  return out_->forward(features(x)).view({x.size(0)});
}

at::Tensor ResidualDiscriminator::forwardWithClasses(const at::Tensor& x, const at::Tensor& classes) {
  if (!projection_ || !classes.defined()) return DiscriminatorNet::forwardWithClasses(x, classes);
  const at::Tensor phi = features(x);
  return out_->forward(phi).view({x.size(0)}) + projection_->score(phi, classes.to(x.device()));
}

at::Tensor ResidualDiscriminator::classScores(const at::Tensor& x) {
  return projection_ ? projection_->allScores(features(x)) : at::Tensor();
}

}  // namespace gs

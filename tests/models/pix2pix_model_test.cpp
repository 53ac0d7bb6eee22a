// pix2pix networks: the U-Net's shapes, depth, dropout and skip connections; the PatchGAN's output grid and
// receptive field at each resolution; latent-model factories refusing a pix2pix config.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "models/networks.h"
#include "models/patch_discriminator.h"
#include "models/unet.h"
#include "util/error.h"

namespace gs {
namespace {

ModelConfig pix2pixModel(int res, int in_ch = 1, int out_ch = 3, int width = 8) {
  ModelConfig m;
  m.kind = ModelKind::Pix2Pix;
  m.resolution = res;
  m.input_channels = in_ch;
  m.channels = out_ch;
  m.g_width = m.d_width = width;
  return m;
}

TEST(UNet, MapsInputChannelsToOutputChannelsAtEachResolution) {
  torch::manual_seed(1);
  for (int res : {32, 64}) {
    UNetGenerator g(pix2pixModel(res, 1, 3));
    EXPECT_EQ(g->depth(), res == 32 ? 5 : 6);
    const at::Tensor out = g->forward(at::rand({2, 1, res, res}) * 2 - 1);
    EXPECT_EQ(out.sizes(), (at::IntArrayRef{2, 3, res, res}));
    EXPECT_LE(out.abs().max().item<float>(), 1.0f);  // tanh
  }
  UNetGenerator rgba(pix2pixModel(32, 4, 1));
  EXPECT_EQ(rgba->forward(at::zeros({1, 4, 32, 32})).size(1), 1);
}

TEST(UNet, DropoutOnThePapersLevelsOnly) {
  EXPECT_EQ(UNetGenerator(pix2pixModel(32))->dropoutLevels(), 0);
  EXPECT_EQ(UNetGenerator(pix2pixModel(64))->dropoutLevels(), 1);
  EXPECT_EQ(UNetGenerator(pix2pixModel(256, 3, 3, 4))->dropoutLevels(), 3);  // unet_256: 3 levels
}

TEST(UNet, RefusesAnInputOfAnotherSize) {
  UNetGenerator g(pix2pixModel(32));
  EXPECT_THROW(g->forward(at::zeros({1, 1, 64, 64})), c10::Error);
}

TEST(UNet, SkipConnectionCarriesLocalDetail) {
  // A change to one input pixel reaches the output through the outermost skip: the output changes most near it.
  torch::manual_seed(3);
  UNetGenerator g(pix2pixModel(32, 1, 1));
  g->eval();
  at::Tensor a = at::randn({1, 1, 32, 32}).requires_grad_(true);
  g->forward(a)[0][0][5][5].backward();
  const at::Tensor grad = a.grad().abs()[0][0];
  const float near = grad.slice(0, 3, 8).slice(1, 3, 8).mean().item<float>();
  const float far = grad.slice(0, 20, 32).slice(1, 20, 32).mean().item<float>();
  EXPECT_GT(near, 0.f);
  EXPECT_GT(near, far);
}

TEST(PatchGan, LayersAndReceptiveFieldScaleWithResolution) {
  EXPECT_EQ(patchLayers(32), 1);
  EXPECT_EQ(patchLayers(64), 1);
  EXPECT_EQ(patchLayers(128), 2);
  EXPECT_EQ(patchLayers(256), 3);
  EXPECT_EQ(patchReceptiveField(1), 16);
  EXPECT_EQ(patchReceptiveField(2), 34);
  EXPECT_EQ(patchReceptiveField(3), 70);  // the paper's 70x70 PatchGAN
}

TEST(PatchGan, OutputIsAGridOfPatchLogits) {
  for (auto [res, grid] : {std::pair{32, 14}, std::pair{64, 30}, std::pair{128, 30}}) {
    PatchDiscriminator d(pix2pixModel(res, 1, 3));
    const at::Tensor out = d->forward(at::zeros({2, 1, res, res}), at::zeros({2, 3, res, res}));
    EXPECT_EQ(out.sizes(), (at::IntArrayRef{2, 1, grid, grid})) << res << " px";
  }
}

TEST(PatchGan, OneLogitSeesOnlyItsPatch) {
  // The input gradient of one logit is zero outside its receptive field (16 px at 64 px).
  torch::manual_seed(5);
  PatchDiscriminator d(pix2pixModel(64, 1, 3));
  d->eval();
  at::Tensor a = at::randn({1, 1, 64, 64}).requires_grad_(true);
  at::Tensor b = at::randn({1, 3, 64, 64}).requires_grad_(true);
  d->forward(a, b)[0][0][15][15].backward();
  const at::Tensor touched = (a.grad().abs()[0][0] + b.grad().abs()[0].sum(0)) > 0;
  const int64_t rows = touched.any(1).sum().item<int64_t>(), cols = touched.any(0).sum().item<int64_t>();
  EXPECT_GT(rows, 8);
  EXPECT_LE(rows, patchReceptiveField(1));
  EXPECT_LE(cols, patchReceptiveField(1));
}

TEST(PatchGan, RefusesPairsThatDoNotMatch) {
  PatchDiscriminator d(pix2pixModel(32));
  EXPECT_THROW(d->forward(at::zeros({2, 1, 32, 32}), at::zeros({3, 3, 32, 32})), c10::Error);
}

TEST(Pix2PixModel, LatentFactoriesRefuseIt) {
  ModelConfig m = pix2pixModel(32);
  try {
    makeGenerator(m);
    FAIL() << "makeGenerator accepted a pix2pix config";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("translate"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gs

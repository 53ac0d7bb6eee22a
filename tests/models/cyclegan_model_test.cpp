// CycleGAN's networks and pieces: the ResNet generator's shapes and blocks, the unconditional InstanceNorm
// PatchGAN, the least-squares loss, and the image pool's fill / swap / restore behaviour.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "models/patch_discriminator.h"
#include "models/resnet_generator.h"
#include "training/image_pool.h"
#include "training/losses.h"
#include "util/error.h"

namespace gs {
namespace {

ModelConfig cycleModel(int res, int width = 8) {
  ModelConfig m;
  m.kind = ModelKind::CycleGan;
  m.resolution = res;
  m.input_channels = m.channels = 3;
  m.g_width = m.d_width = width;
  return m;
}

TEST(ResnetGenerator, KeepsTheSizeAndMapsChannelsAtEachResolution) {
  torch::manual_seed(1);
  for (int res : {32, 64}) {
    ResnetGenerator g(cycleModel(res), 1, 3);
    EXPECT_EQ(g->blocks(), 6);
    const at::Tensor out = g->forward(at::rand({2, 1, res, res}) * 2 - 1);
    EXPECT_EQ(out.sizes(), (at::IntArrayRef{2, 3, res, res}));
    EXPECT_LE(out.abs().max().item<double>(), 1.0);
  }
  EXPECT_EQ(resnetBlocks(256), 9);
  EXPECT_THROW(ResnetGenerator(cycleModel(48), 3, 3), GanscopeError);
  EXPECT_THROW(ResnetGenerator(cycleModel(32), 2, 3), GanscopeError);
}

TEST(ResnetGenerator, InstanceNormMakesEvalEqualTrainingAndEachImageIndependent) {
  torch::manual_seed(2);
  ResnetGenerator g(cycleModel(32), 3, 3);
  const at::Tensor x = at::rand({3, 3, 32, 32}) * 2 - 1;
  torch::NoGradGuard no_grad;
  const at::Tensor trained = g->forward(x);
  g->eval();
  EXPECT_TRUE(at::allclose(g->forward(x), trained, 1e-5, 1e-6));
  // No batch statistics: an image's output does not depend on the rest of the batch.
  EXPECT_TRUE(at::allclose(g->forward(x.narrow(0, 1, 1)), trained.narrow(0, 1, 1), 1e-4, 1e-5));
}

TEST(PatchDiscriminator, UnconditionalInstanceNormScoresPatches) {
  torch::manual_seed(3);
  PatchDiscriminator d(3, cycleModel(32), PatchNorm::Instance);
  const at::Tensor s = d->score(at::rand({2, 3, 32, 32}));
  EXPECT_EQ(s.dim(), 4);
  EXPECT_EQ(s.size(0), 2);
  EXPECT_EQ(s.size(1), 1);
  EXPECT_GT(s.size(2), 1);  // a grid of patches, not one logit
  bool has_instance_norm = false, has_batch_norm = false;
  for (const auto& m : d->modules(false)) {
    has_instance_norm = has_instance_norm || m->as<torch::nn::InstanceNorm2dImpl>() != nullptr;
    has_batch_norm = has_batch_norm || m->as<torch::nn::BatchNorm2dImpl>() != nullptr;
  }
  EXPECT_TRUE(has_instance_norm);
  EXPECT_FALSE(has_batch_norm);
}

TEST(LeastSquaresLoss, RegressesRealToOneAndFakeToZero) {
  const at::Tensor real = at::tensor({1.0, 0.5}), fake = at::tensor({0.0, 1.0});
  // D: mean (real - 1)^2 + mean fake^2 = (0 + 0.25) / 2 + (0 + 1) / 2
  EXPECT_NEAR(discriminatorLoss(LossKind::LeastSquares, real, fake).item<double>(), 0.625, 1e-9);
  // G: mean (fake - 1)^2 = (1 + 0) / 2
  EXPECT_NEAR(generatorLoss(LossKind::LeastSquares, fake).item<double>(), 0.5, 1e-9);
  EXPECT_NEAR(meanDiscriminatorOutput(LossKind::LeastSquares, real), 0.75, 1e-9);  // raw scores
  EXPECT_EQ(parseLoss("lsgan"), LossKind::LeastSquares);
}

at::Tensor images(int n, double value) { return at::full({n, 1, 2, 2}, value); }

TEST(ImagePool, FillsThenSwapsAboutHalfAndRestores) {
  torch::manual_seed(4);
  ImagePool pool(4);
  // Filling: every image goes in and comes out unchanged.
  EXPECT_TRUE(at::equal(pool.query(images(3, 1.0)), images(3, 1.0)));
  EXPECT_EQ(pool.size(), 3);
  const at::Tensor mixed = pool.query(images(3, 2.0));  // the first fills the pool, the rest may swap
  EXPECT_EQ(pool.size(), 4);
  EXPECT_EQ(mixed[0].max().item<double>(), 2.0);
  // Full: over many queries about half the images D sees are older ones.
  int64_t older = 0, total = 0;
  for (int i = 0; i < 50; ++i) {
    const at::Tensor out = pool.query(images(8, 10.0 + i));
    older += (out.amax({1, 2, 3}) < 10.0 + i).sum().item<int64_t>();
    total += 8;
  }
  EXPECT_GT(older, total / 4);
  EXPECT_LT(older, 3 * total / 4);
  EXPECT_EQ(pool.size(), 4);

  // contents() / restore(): the same pool, so the same answers from the same RNG state.
  ImagePool copy(4);
  copy.restore(pool.contents());
  EXPECT_TRUE(at::equal(copy.contents(), pool.contents()));
  torch::manual_seed(5);
  const at::Tensor a = pool.query(images(6, 99.0));
  torch::manual_seed(5);
  EXPECT_TRUE(at::equal(copy.query(images(6, 99.0)), a));
  ImagePool empty(4);
  empty.restore(ImagePool(4).contents());
  EXPECT_EQ(empty.size(), 0);
  EXPECT_THROW(ImagePool(2).restore(images(3, 0.0)), c10::Error);

  ImagePool off(0);  // no pool: the batch itself
  EXPECT_TRUE(at::equal(off.query(images(2, 7.0)), images(2, 7.0)));
}

}  // namespace
}  // namespace gs

// Augmentations of what D sees: each op's geometry on small known images, colour ops' effect, gradients through
// every op, and the pipelines at p = 0 (untouched) and p = 1 (every sample changed).
#include <gtest/gtest.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "training/augment.h"

namespace gs {
namespace {

const double kPi = std::acos(-1.0);

// [1, 1, n, n] with pixel (y, x) = y * n + x, scaled into [-1, 1].
at::Tensor ramp(int64_t n) { return at::arange(n * n, at::kFloat).view({1, 1, n, n}) / float(n * n) * 2 - 1; }

at::Tensor one(double v) { return at::full({1}, v, at::kFloat); }
at::Tensor yes() { return at::ones({1}, at::kBool); }

TEST(AugmentGeometry, FlipXMirrorsOnlyTheChosenSamples) {
  const at::Tensor x = at::rand({2, 3, 8, 8});
  const at::Tensor out = flipX(x, at::tensor({int64_t(1), int64_t(0)}).to(at::kBool));
  EXPECT_TRUE(at::equal(out[0], x[0].flip({2})));
  EXPECT_TRUE(at::equal(out[1], x[1]));
  // Pixel (y, x) comes from (y, 7 - x).
  EXPECT_EQ(out[0][1][2][0].item<float>(), x[0][1][2][7].item<float>());
}

TEST(AugmentGeometry, QuarterTurnsAreExactRotations) {
  const at::Tensor x = ramp(4);
  const at::Tensor quarter = rotate90(x, at::tensor({int64_t(1)}));
  // Counter-clockwise: the top-right pixel goes to the top-left.
  EXPECT_EQ(quarter[0][0][0][0].item<float>(), x[0][0][0][3].item<float>());
  EXPECT_TRUE(at::equal(rotate90(x, at::tensor({int64_t(2)})), x.flip({2, 3})));
  EXPECT_TRUE(at::equal(rotate90(quarter, at::tensor({int64_t(3)})), x));
  EXPECT_TRUE(at::equal(rotate90(x, at::tensor({int64_t(0)})), x));
}

TEST(AugmentGeometry, IntegerTranslationMovesAPixelByTheShift) {
  at::Tensor x = at::full({1, 1, 8, 8}, -1.0f);
  x[0][0][2][3] = 1.0f;
  for (EdgeFill fill : {EdgeFill::Reflect, EdgeFill::Zero}) {
    const at::Tensor out = translateInt(x, at::tensor({2.0f}), at::tensor({-1.0f}), fill);
    EXPECT_EQ(out[0][0][1][5].item<float>(), 1.0f);  // 2 right, 1 up
    EXPECT_EQ((out == 1.0f).sum().item<int64_t>(), 1);
  }
  // What moves in: the border reflected (without repeating the edge pixel), or zero.
  const at::Tensor r = ramp(8);
  const at::Tensor reflected = translateInt(r, at::tensor({1.0f}), at::tensor({0.0f}), EdgeFill::Reflect);
  EXPECT_EQ(reflected[0][0][0][0].item<float>(), r[0][0][0][1].item<float>());
  const at::Tensor zeroed = translateInt(r, at::tensor({1.0f}), at::tensor({0.0f}), EdgeFill::Zero);
  EXPECT_TRUE(at::equal(zeroed.select(3, 0), at::zeros({1, 1, 8})));
}

TEST(AugmentGeometry, ScalingByTwoKeepsTheCentre) {
  at::Tensor x = at::full({1, 1, 16, 16}, -1.0f);
  x.slice(2, 7, 9).slice(3, 7, 9).fill_(1.0f);  // a 2x2 block at the centre
  const at::Tensor out = warpAffine(x, scaleInverse(one(2.0), one(2.0)), yes());
  EXPECT_NEAR(out[0][0][7][7].item<float>(), 1.0f, 1e-5);
  EXPECT_NEAR(out[0][0][8][8].item<float>(), 1.0f, 1e-5);
  // Twice the size: the block now covers 4x4 pixels about the centre (its edge pixels half-blended).
  EXPECT_GT(out[0][0][6][6].item<float>(), -1.0f + 1e-3);
  EXPECT_NEAR(out[0][0][3][3].item<float>(), -1.0f, 1e-5);
  EXPECT_NEAR(out.sum().item<float>(), x.sum().item<float>() + 12 * 2.0f, 1.0f);
}

TEST(AugmentGeometry, AffineQuarterTurnMatchesTheExactOneAndIdentityKeepsTheImage) {
  const at::Tensor x = ramp(8);
  const at::Tensor turned = warpAffine(x, rotationInverse(one(kPi / 2)), yes());
  const at::Tensor exact = rotate90(x, at::tensor({int64_t(1)}));
  const at::Tensor other = rotate90(x, at::tensor({int64_t(3)}));
  // One of the two quarter turns (the frame's y axis points down, so "counter-clockwise" depends on it).
  const double d1 = (turned - exact).abs().max().item<double>(), d3 = (turned - other).abs().max().item<double>();
  EXPECT_LT(std::min(d1, d3), 1e-4);
  EXPECT_LT((warpAffine(x, rotationInverse(one(0.0)), yes()) - x).abs().max().item<double>(), 1e-5);
  // A move by a quarter of the width equals the integer shift of 2 pixels, away from the border.
  const at::Tensor moved = warpAffine(x, translationInverse(one(0.25), one(0.0)), yes());
  const at::Tensor shifted = translateInt(x, one(2.0), one(0.0), EdgeFill::Reflect);
  EXPECT_LT((moved - shifted).abs().slice(3, 2, 8).max().item<double>(), 1e-5);
  // Samples not chosen come back exactly.
  EXPECT_TRUE(at::equal(warpAffine(x, scaleInverse(one(2.0), one(2.0)), at::zeros({1}, at::kBool)), x));
}

TEST(AugmentColour, BrightnessContrastAndLumaFlip) {
  const at::Tensor x = at::rand({1, 3, 4, 4}) * 2 - 1;
  EXPECT_TRUE(at::allclose(applyColourMatrix(x, brightnessMatrix(one(0.25))), x + 0.25));
  EXPECT_TRUE(at::allclose(applyColourMatrix(x, contrastMatrix(one(0.5))), x * 0.5));
  EXPECT_TRUE(at::allclose(applyColourMatrix(x, lumaFlipMatrix(one(0.0))), x));
  // Luma flip mirrors through the grey plane: the per-pixel channel mean changes sign, the rest is kept.
  const at::Tensor flipped = applyColourMatrix(x, lumaFlipMatrix(one(1.0)));
  EXPECT_TRUE(at::allclose(flipped.mean(1), -x.mean(1), 1e-5, 1e-6));
  EXPECT_TRUE(at::allclose(flipped - flipped.mean(1, true), x - x.mean(1, true), 1e-5, 1e-6));
  // Gray: brightness adds, luma flip inverts.
  const at::Tensor g = at::rand({2, 1, 4, 4}) * 2 - 1;
  EXPECT_TRUE(at::allclose(applyColourMatrix(g, brightnessMatrix(at::tensor({0.1f, -0.2f}))),
                           g + at::tensor({0.1f, -0.2f}).view({2, 1, 1, 1})));
  EXPECT_TRUE(at::allclose(applyColourMatrix(g, lumaFlipMatrix(at::ones({2}))), -g, 1e-5, 1e-6));
}

TEST(AugmentColour, HueKeepsLumaAndLengthSaturationScalesTheColour) {
  const at::Tensor x = at::rand({1, 4, 4, 4}) * 2 - 1;  // RGBA: alpha never recoloured
  const at::Tensor hued = applyColourMatrix(x, hueMatrix(one(1.0)));
  EXPECT_EQ(hued.sizes(), x.sizes());
  EXPECT_TRUE(at::equal(hued.select(1, 3), x.select(1, 3)));
  const at::Tensor rgb = x.slice(1, 0, 3), hrgb = hued.slice(1, 0, 3);
  EXPECT_TRUE(at::allclose(hrgb.mean(1), rgb.mean(1), 1e-5, 1e-6));
  EXPECT_TRUE(at::allclose(hrgb.norm(2, 1), rgb.norm(2, 1), 1e-5, 1e-6));
  EXPECT_GT((hrgb - rgb).abs().max().item<double>(), 0.01);
  EXPECT_TRUE(at::allclose(applyColourMatrix(x, hueMatrix(one(2 * kPi))), x, 1e-5, 1e-5));
  // Saturation 0: every pixel grey (its channel mean); 1: unchanged.
  const at::Tensor grey = applyColourMatrix(x, saturationMatrix(one(0.0))).slice(1, 0, 3);
  EXPECT_TRUE(at::allclose(grey, rgb.mean(1, true).expand_as(grey), 1e-5, 1e-6));
  EXPECT_TRUE(at::allclose(applyColourMatrix(x, saturationMatrix(one(1.0))), x, 1e-5, 1e-6));
}

TEST(AugmentColour, DiffAugmentContrastAndCutout) {
  const at::Tensor x = at::rand({1, 3, 8, 8}) * 2 - 1;
  const at::Tensor c = contrastAboutMean(x, one(0.5));
  EXPECT_NEAR(c.mean().item<double>(), x.mean().item<double>(), 1e-5);
  EXPECT_NEAR(c.std().item<double>(), 0.5 * x.std().item<double>(), 1e-4);
  const at::Tensor cut = cutout(x, at::tensor({int64_t(6)}), at::tensor({int64_t(-2)}), 4);
  // Columns 6..7, rows 0..1 zeroed (the square hangs over the corner); everything else kept.
  EXPECT_EQ(cut.slice(2, 0, 2).slice(3, 6, 8).abs().sum().item<float>(), 0.0f);
  EXPECT_TRUE(at::equal(cut.slice(2, 2, 8), x.slice(2, 2, 8)));
  EXPECT_TRUE(at::equal(cut.slice(3, 0, 6), x.slice(3, 0, 6)));
}

// Every op, with parameters that change the image, on a 2-sample RGB batch.
std::vector<std::pair<std::string, std::function<at::Tensor(const at::Tensor&)>>> everyOp() {
  const at::Tensor both = at::ones({2}, at::kBool);
  const auto two = [](double v) { return at::full({2}, v, at::kFloat); };
  return {
      {"flipX", [=](const at::Tensor& x) { return flipX(x, both); }},
      {"rotate90", [=](const at::Tensor& x) { return rotate90(x, at::tensor({int64_t(1), int64_t(3)})); }},
      {"translateInt", [=](const at::Tensor& x) { return translateInt(x, two(1), two(-2), EdgeFill::Reflect); }},
      {"scale", [=](const at::Tensor& x) { return warpAffine(x, scaleInverse(two(1.3), two(0.8)), both); }},
      {"rotate", [=](const at::Tensor& x) { return warpAffine(x, rotationInverse(two(0.4)), both); }},
      {"translateFrac", [=](const at::Tensor& x) { return warpAffine(x, translationInverse(two(0.07), two(0.1)), both); }},
      {"brightness", [=](const at::Tensor& x) { return applyColourMatrix(x, brightnessMatrix(two(0.2))); }},
      {"contrast", [=](const at::Tensor& x) { return applyColourMatrix(x, contrastMatrix(two(1.5))); }},
      {"lumaFlip", [=](const at::Tensor& x) { return applyColourMatrix(x, lumaFlipMatrix(two(1))); }},
      {"hue", [=](const at::Tensor& x) { return applyColourMatrix(x, hueMatrix(two(1.0))); }},
      {"saturation", [=](const at::Tensor& x) { return applyColourMatrix(x, saturationMatrix(two(0.5))); }},
      {"contrastAboutMean", [=](const at::Tensor& x) { return contrastAboutMean(x, two(1.5)); }},
      {"cutout", [=](const at::Tensor& x) { return cutout(x, at::zeros({2}, at::kLong), at::zeros({2}, at::kLong), 3); }},
  };
}

TEST(AugmentGradients, FlowThroughEveryOp) {
  for (const auto& [name, op] : everyOp()) {
    const at::Tensor x = (at::rand({2, 3, 8, 8}) * 2 - 1).requires_grad_(true);
    const at::Tensor out = op(x);
    EXPECT_EQ(out.sizes(), x.sizes()) << name;
    (out * at::rand_like(out)).sum().backward();
    ASSERT_TRUE(x.grad().defined()) << name;
    EXPECT_GT(x.grad().abs().sum().item<double>(), 0.0) << name;
  }
}

TEST(AugmentGradients, FlowThroughBothPipelines) {
  at::Generator gen = at::detail::createCPUGenerator(3);
  for (int kind = 0; kind < 2; ++kind) {
    const at::Tensor x = (at::rand({4, 3, 16, 16}) * 2 - 1).requires_grad_(true);
    const at::Tensor out = kind == 0 ? adaAugment(x, 0.8, gen) : diffAugment(x, gen);
    out.pow(2).sum().backward();
    EXPECT_GT(x.grad().abs().sum().item<double>(), 0.0) << kind;
  }
}

TEST(AugmentPipeline, ProbabilityZeroLeavesImagesExactlyAsTheyAre) {
  at::Generator gen = at::detail::createCPUGenerator(5);
  for (int64_t channels : {1, 3, 4}) {
    const at::Tensor x = at::rand({8, channels, 16, 16}) * 2 - 1;
    EXPECT_TRUE(at::equal(adaAugment(x, 0.0, gen), x)) << channels;
  }
}

TEST(AugmentPipeline, ProbabilityOneChangesEverySample) {
  at::Generator gen = at::detail::createCPUGenerator(6);
  for (int64_t channels : {1, 3}) {
    const at::Tensor x = at::rand({16, channels, 16, 16}) * 2 - 1;
    const at::Tensor ada = adaAugment(x, 1.0, gen), diff = diffAugment(x, gen);
    for (const at::Tensor& out : {ada, diff}) {
      EXPECT_EQ(out.sizes(), x.sizes());
      EXPECT_TRUE(at::isfinite(out).all().item<bool>());
      const at::Tensor changed = (out - x).abs().flatten(1).amax(1) > 1e-4;
      EXPECT_TRUE(changed.all().item<bool>()) << channels;
    }
  }
}

TEST(AugmentPipeline, SameGeneratorStateSameAugmentation) {
  const at::Tensor x = at::rand({4, 3, 16, 16}) * 2 - 1;
  at::Generator a = at::detail::createCPUGenerator(9), b = at::detail::createCPUGenerator(9);
  EXPECT_TRUE(at::equal(adaAugment(x, 0.5, a), adaAugment(x, 0.5, b)));
  // The number of values drawn does not depend on p, so the stream stays aligned whatever p does.
  adaAugment(x, 0.0, a);
  adaAugment(x, 0.9, b);
  EXPECT_TRUE(at::equal(at::rand({3}, a), at::rand({3}, b)));
}

}  // namespace
}  // namespace gs

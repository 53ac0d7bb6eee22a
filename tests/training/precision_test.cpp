// bf16 mixed precision: which CPUs get it by default, the autocast scope, the layers autocast cannot see, and
// training steps in bf16 (finite, fp32 master weights, learning, restored autocast state).
#include <gtest/gtest.h>

#include <cmath>

#include "models/fast_conv_transpose.h"
#include "models/layers.h"
#include "style_fixture.h"
#include "training/precision.h"
#include "training/tiny_data.h"
#include "training/trainer.h"
#include "util/autocast.h"
#include "util/error.h"

namespace gs {
namespace {

const c10::Device kCpu(c10::kCPU);

// bf16 arithmetic on this machine's CPU: the tests that train or convolve in bf16 need it (elsewhere the trainer
// refuses bf16, which RefusesBf16WithoutTheInstructions checks with a made-up CPU).
bool bf16Here() { return cpuBf16Support().amx_bf16 || cpuBf16Support().avx512_bf16; }
#define SKIP_WITHOUT_BF16() \
  if (!bf16Here()) GTEST_SKIP() << "this CPU has no bf16 instructions"

TEST(CpuBf16Support, ReadsTheKernelsFlags) {
  const CpuBf16Support amx = parseCpuBf16Support(
      "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8480+\n"
      "flags\t\t: fpu vme avx512f avx512_bf16 amx_bf16 amx_tile amx_int8\nbugs\t\t: spectre_v1\n");
  EXPECT_TRUE(amx.amx_bf16);
  EXPECT_TRUE(amx.avx512_bf16);
  const CpuBf16Support zen4 = parseCpuBf16Support("flags\t: fpu avx512f avx512_bf16 avx512_vnni\n");
  EXPECT_FALSE(zen4.amx_bf16);
  EXPECT_TRUE(zen4.avx512_bf16);
  // Whole words only; other lines (and other architectures' "Features") do not count.
  const CpuBf16Support none = parseCpuBf16Support(
      "flags\t: fpu avx2 xamx_bf16 avx512_bf16x\nvmx flags\t: amx_bf16\nFeatures\t: fp asimd bf16\n");
  EXPECT_FALSE(none.amx_bf16);
  EXPECT_FALSE(none.avx512_bf16);
  EXPECT_FALSE(parseCpuBf16Support("").amx_bf16);
  EXPECT_EQ(describe(amx), "AMX");
  EXPECT_EQ(describe(zen4), "AVX512-BF16");
  EXPECT_EQ(describe(none), "no bf16 instructions");
}

TEST(Precision, AutoPicksBf16ForDcganOnACpuWithBf16Instructions) {
  CpuBf16Support amx, avx512, none;
  amx.amx_bf16 = amx.avx512_bf16 = true;
  avx512.avx512_bf16 = true;
  EXPECT_EQ(resolvePrecision(Precision::Auto, ModelKind::Dcgan, kCpu, amx), Precision::Bf16);
  EXPECT_EQ(resolvePrecision(Precision::Auto, ModelKind::Dcgan, kCpu, avx512), Precision::Bf16);
  EXPECT_EQ(resolvePrecision(Precision::Auto, ModelKind::Dcgan, kCpu, none), Precision::Fp32);
  EXPECT_EQ(resolvePrecision(Precision::Auto, ModelKind::Dcgan, c10::Device(c10::kCUDA, 0), amx), Precision::Fp32);
  // An explicit choice stands.
  EXPECT_EQ(resolvePrecision(Precision::Bf16, ModelKind::Dcgan, kCpu, none), Precision::Bf16);
  EXPECT_EQ(resolvePrecision(Precision::Fp32, ModelKind::Dcgan, kCpu, amx), Precision::Fp32);
  // The style generator stays fp32 unless asked (its bf16 quality is not measured yet).
  EXPECT_EQ(resolvePrecision(Precision::Auto, ModelKind::Style, kCpu, amx), Precision::Fp32);
  EXPECT_EQ(resolvePrecision(Precision::Bf16, ModelKind::Style, kCpu, amx), Precision::Bf16);
  EXPECT_EQ(describePrecision(Precision::Bf16, kCpu, avx512), "bf16 (AVX512-BF16)");
  // bf16 on a CPU without the instructions is refused with the way out; on CUDA it is LibTorch's to check.
  EXPECT_NO_THROW(requireSupported(Precision::Bf16, kCpu, avx512));
  EXPECT_NO_THROW(requireSupported(Precision::Fp32, kCpu, none));
  EXPECT_NO_THROW(requireSupported(Precision::Bf16, c10::Device(c10::kCUDA, 0), none));
  try {
    requireSupported(Precision::Bf16, kCpu, none);
    FAIL() << "expected an error";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("--precision fp32 or auto"), std::string::npos) << e.what();
  }
  EXPECT_EQ(describePrecision(Precision::Fp32, kCpu, amx), "fp32");
}

TEST(AutocastScope, TurnsBf16OnForItsLifetimeAndRestores) {
  SKIP_WITHOUT_BF16();
  ASSERT_FALSE(autocastEnabled(c10::kCPU));
  const at::Tensor x = at::randn({2, 3, 8, 8}), w = at::randn({4, 3, 3, 3});
  {
    AutocastScope fp32(Precision::Fp32, kCpu);
    EXPECT_FALSE(autocastEnabled(c10::kCPU));
    EXPECT_EQ(at::conv2d(x, w).scalar_type(), at::kFloat);
  }
  {
    AutocastScope bf16(Precision::Bf16, kCpu);
    EXPECT_TRUE(autocastToBf16(c10::kCPU));
    EXPECT_EQ(at::conv2d(x, w).scalar_type(), at::kBFloat16);
    {
      const NoAutocast off;
      EXPECT_EQ(at::conv2d(x, w).scalar_type(), at::kFloat);
    }
    EXPECT_EQ(at::conv2d(x, w).scalar_type(), at::kBFloat16);
  }
  EXPECT_FALSE(autocastEnabled(c10::kCPU));
  EXPECT_EQ(at::conv2d(x, w).scalar_type(), at::kFloat);
}

TEST(AutocastScope, GeneratorUpsamplingRunsInBf16WithFp32WeightGradients) {
  SKIP_WITHOUT_BF16();
  at::manual_seed(3);
  UpConv2d up(8, 4, 4, 2, 1);
  const at::Tensor x = at::randn({2, 8, 5, 5});
  const at::Tensor reference = up->forward(x);
  at::Tensor y;
  {
    AutocastScope bf16(Precision::Bf16, kCpu);
    y = up->forward(x);
  }
  EXPECT_EQ(y.scalar_type(), at::kBFloat16);
  const double rel = (y.to(at::kFloat) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
  EXPECT_LT(rel, 0.03) << "bf16 keeps 8 bits of mantissa: within a few percent";
  EXPECT_GT(rel, 0.0) << "the bf16 path should actually have run";
  y.to(at::kFloat).square().sum().backward();
  ASSERT_TRUE(up->weight.grad().defined());
  EXPECT_EQ(up->weight.grad().scalar_type(), at::kFloat);
  EXPECT_EQ(up->weight.scalar_type(), at::kFloat);
}

// D's first layer on a gray image is a custom autograd function (models/few_channel_conv.h) autocast cannot see.
TEST(AutocastScope, DiscriminatorFirstLayerRunsInBf16WithFp32Gradients) {
  SKIP_WITHOUT_BF16();
  at::manual_seed(4);
  DownConv2dImpl::Options o;
  o.in_channels = 1;
  o.out_channels = 8;
  o.bias = true;
  DownConv2d first(o);
  const at::Tensor x = at::randn({4, 1, 16, 16}).requires_grad_();
  const at::Tensor reference = first->forward(x);
  at::Tensor y;
  {
    AutocastScope bf16(Precision::Bf16, kCpu);
    y = first->forward(x);
  }
  EXPECT_EQ(y.scalar_type(), at::kBFloat16);
  const double rel = (y.to(at::kFloat) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
  EXPECT_LT(rel, 0.03);
  EXPECT_GT(rel, 0.0) << "the bf16 path should actually have run";
  y.to(at::kFloat).square().sum().backward();
  for (const at::Tensor& g : {x.grad(), first->weight.grad(), first->bias.grad()}) {
    ASSERT_TRUE(g.defined());
    EXPECT_EQ(g.scalar_type(), at::kFloat);
    EXPECT_GT(g.abs().sum().item<double>(), 0);
  }
}

TEST(AutocastScope, SpectralNormPowerIterationStaysFp32) {
  SKIP_WITHOUT_BF16();
  DownConv2dImpl::Options o;
  o.in_channels = 3;
  o.out_channels = 8;
  o.spectral_norm = true;
  at::manual_seed(5);
  DownConv2d a(o);
  at::manual_seed(5);
  DownConv2d b(o);
  const at::Tensor x = at::randn({2, 3, 8, 8});
  a->forward(x);
  {
    AutocastScope bf16(Precision::Bf16, kCpu);
    EXPECT_EQ(b->forward(x).scalar_type(), at::kBFloat16);
  }
  // The power iteration ran in fp32 under autocast too: the same u and v, bit for bit.
  EXPECT_EQ(b->u.scalar_type(), at::kFloat);
  EXPECT_TRUE(at::equal(a->u, b->u));
  EXPECT_TRUE(at::equal(a->v, b->v));
}

bool finite(const StepStats& s) {
  for (double v : {s.g_loss, s.d_loss, s.penalty, s.d_real, s.d_fake, s.g_grad_norm, s.d_grad_norm})
    if (!std::isfinite(v)) return false;
  return true;
}

bool allFp32(const torch::nn::Module& m) {
  for (const auto& p : m.parameters())
    if (p.scalar_type() != at::kFloat) return false;
  return true;
}

TEST(Bf16Training, DcganLearnsWithFp32MasterWeights) {
  SKIP_WITHOUT_BF16();
  TrainConfig c = test::tinyConfig();
  c.precision = Precision::Bf16;
  Trainer t(c, test::shapesDataset());
  EXPECT_EQ(t.config().precision, Precision::Bf16);
  std::vector<StepStats> stats;
  for (int i = 0; i < 60; ++i) stats.push_back(t.step());
  for (const auto& s : stats) ASSERT_TRUE(finite(s)) << "step " << s.step;
  EXPECT_FALSE(autocastEnabled(c10::kCPU)) << "autocast must not outlive the step";
  EXPECT_TRUE(allFp32(*t.generator()));
  EXPECT_TRUE(allFp32(*t.emaGenerator()));
  auto gap = [&](size_t from, size_t to) {
    double sum = 0;
    for (size_t i = from; i < to; ++i) sum += stats[i].d_real - stats[i].d_fake;
    return sum / static_cast<double>(to - from);
  };
  EXPECT_GT(gap(50, 60), gap(0, 3) + 0.1) << "D should learn to tell real from fake in bf16 too";
  // Samples come from the fp32 EMA generator.
  const at::Tensor img = t.sample(t.fixedLatents());
  EXPECT_EQ(img.scalar_type(), at::kFloat);
  EXPECT_TRUE(at::isfinite(img).all().item<bool>());
}

TEST(Bf16Training, DiffersFromFp32ButStaysClose) {
  SKIP_WITHOUT_BF16();
  TrainConfig c = test::tinyConfig();
  c.precision = Precision::Fp32;
  Trainer fp32(c, test::shapesDataset());
  c.precision = Precision::Bf16;
  Trainer bf16(c, test::shapesDataset());
  for (int i = 0; i < 3; ++i) {
    fp32.step();
    bf16.step();
  }
  const at::Tensor z = fp32.fixedLatents();
  const at::Tensor a = fp32.sample(z, /*use_ema=*/false), b = bf16.sample(z, /*use_ema=*/false);
  const double diff = (a - b).abs().max().item<double>();
  EXPECT_GT(diff, 0.0) << "--precision bf16 should change the arithmetic";
  EXPECT_LT((a - b).abs().mean().item<double>(), 0.1) << "but not what three steps learn";
}

TEST(Bf16Training, PenaltiesAndTheStyleGeneratorRun) {
  SKIP_WITHOUT_BF16();
  TrainConfig gp = test::tinyConfig(LossKind::WganGp);
  gp.precision = Precision::Bf16;
  gp.model.spectral_norm = true;
  Trainer wgan(gp, test::shapesDataset());
  for (int i = 0; i < 3; ++i) {
    const StepStats s = wgan.step();
    ASSERT_TRUE(finite(s)) << "wgan-gp step " << i;
    EXPECT_GT(s.penalty, 0);
  }
  TrainConfig style = test::tinyConfig();
  style.model = test::tinyStyleModel(32);
  style.optim = defaultOptim(ModelKind::Style, 32);
  style.optim.r1_interval = 1;
  style.batch = 8;
  style.precision = Precision::Bf16;
  Trainer st(style, test::shapesDataset(24));
  for (int i = 0; i < 3; ++i) {
    const StepStats s = st.step();
    ASSERT_TRUE(finite(s)) << "style step " << i;
    EXPECT_GT(s.penalty, 0) << "R1 every step";
  }
  EXPECT_TRUE(allFp32(*st.generator()));
  EXPECT_FALSE(autocastEnabled(c10::kCPU));
}

TEST(Bf16Training, AutoIsResolvedAndRecorded) {
  TrainConfig c = test::tinyConfig();
  c.precision = Precision::Auto;
  Trainer t(c, test::shapesDataset());
  EXPECT_EQ(t.config().precision, resolvePrecision(Precision::Auto, ModelKind::Dcgan, kCpu, cpuBf16Support()));
  EXPECT_NE(t.config().precision, Precision::Auto);
}

}  // namespace
}  // namespace gs

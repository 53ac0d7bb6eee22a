// One image's transposed convolution as a threaded matrix product and col2im (the explorer's batch-1 DCGAN
// renders) gives at::conv_transpose2d's result for the generator's shapes and for others, on two threads, in
// inference mode (the workers must see it: an in-place op on an inference tensor outside it throws) and outside.
#include <gtest/gtest.h>

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include "models/single_image_conv.h"

namespace gs {
namespace {

struct Shape {
  int64_t in, out, size, k, stride, padding;
};

void expectMatchesConvTranspose(const Shape& s, bool inference) {
  const at::Tensor weight = at::randn({s.in, s.out, s.k, s.k});
  const at::Tensor x = at::randn({1, s.in, s.size, s.size});
  const at::Tensor want = at::conv_transpose2d(x, weight, {}, {s.stride, s.stride}, {s.padding, s.padding});
  const bool one_by_one = s.size == 1 && s.padding == 0;
  at::Tensor got;
  if (inference) {
    c10::InferenceMode guard;
    got = singleImageUpConv(x, upConvColumns(weight, one_by_one), s.k, s.stride, s.padding);
  } else {
    at::NoGradGuard no_grad;
    got = singleImageUpConv(x, upConvColumns(weight, one_by_one), s.k, s.stride, s.padding);
  }
  ASSERT_EQ(got.sizes(), want.sizes()) << "in " << s.in << " size " << s.size << " k " << s.k;
  EXPECT_LT((got - want).abs().max().item<double>(), 1e-4 * (1 + want.abs().max().item<double>()))
      << "in " << s.in << " size " << s.size << " k " << s.k << " stride " << s.stride;
}

TEST(SingleImageConv, MatchesConvTransposeOnTwoThreads) {
  const int before = at::get_num_threads();
  at::set_num_threads(2);
  at::manual_seed(5);
  const Shape shapes[] = {
      {100, 64, 1, 4, 1, 0},  // a generator's first stage: z as a 1x1 image
      {64, 32, 4, 4, 2, 1},   // the upsampling stages
      {32, 16, 8, 4, 2, 1},
      {16, 3, 16, 4, 2, 1},   // the last stage: few output channels
      {24, 40, 5, 3, 1, 1},   // odd sizes, another kernel
      {8, 8, 7, 3, 2, 0},
  };
  for (const Shape& s : shapes) {
    expectMatchesConvTranspose(s, /*inference=*/true);
    expectMatchesConvTranspose(s, /*inference=*/false);
  }
  at::set_num_threads(before);
}

TEST(SingleImageConv, ThreadedMatmulMatchesMm) {
  const int before = at::get_num_threads();
  at::set_num_threads(2);
  at::manual_seed(6);
  const at::Tensor a = at::randn({300, 70}), b = at::randn({70, 45});
  EXPECT_TRUE(at::allclose(threadedMatmul(a, b), at::mm(a, b), 1e-5, 1e-4));
  const at::Tensor row = at::randn({1, 70}), wide = at::randn({70, 999});
  EXPECT_TRUE(at::allclose(threadedMatmul(row, wide), at::mm(row, wide), 1e-5, 1e-4));
  const at::Tensor at_ = at::randn({70, 300}).t();  // a transposed view, as the stages pass
  EXPECT_TRUE(at::allclose(threadedMatmul(at_, b), at::mm(at_, b), 1e-5, 1e-4));
  EXPECT_THROW(threadedMatmul(a, at::randn({71, 3})), c10::Error);
  at::set_num_threads(before);
}

TEST(SingleImageConv, RefusesABatch) {
  const at::Tensor weight = at::randn({4, 2, 4, 4});
  EXPECT_THROW(singleImageUpConv(at::randn({2, 4, 4, 4}), upConvColumns(weight, false), 4, 2, 1), c10::Error);
  EXPECT_THROW(singleImageUpConv(at::randn({1, 5, 4, 4}), upConvColumns(weight, false), 4, 2, 1), c10::Error);
}

}  // namespace
}  // namespace gs

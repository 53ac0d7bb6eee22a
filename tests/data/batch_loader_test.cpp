// BatchLoader: shape and range, determinism, exact resume with seek(), epochs, flips.
#include <gtest/gtest.h>

#include <set>

#include "data/batch_loader.h"
#include "data/image_dataset.h"
#include "util/error.h"

namespace gs {
namespace {

// n RGB images of side r: image i has red = i, green = x (a left-to-right ramp), blue = 200.
std::shared_ptr<ImageDataset> rampDataset(int n, int r = 8) {
  std::vector<uint8_t> px;
  for (int i = 0; i < n; ++i)
    for (int y = 0; y < r; ++y)
      for (int x = 0; x < r; ++x) px.insert(px.end(), {uint8_t(i), uint8_t(x * 10), 200});
  return ImageDataset::fromPixels(std::move(px), n, 3, r);
}

// Index of the image a sample came from (red channel), and whether it is mirrored.
int sampleId(const at::Tensor& batch, int b) { return static_cast<int>(std::lround((batch[b][0][0][0].item<float>() + 1) * 127.5)); }
bool mirrored(const at::Tensor& batch, int b) { return batch[b][1][0][0].item<float>() > batch[b][1][0][7].item<float>(); }

TEST(BatchLoader, ShapeRangeAndExactValues) {
  BatchLoader loader(rampDataset(10), 4, 1, false);
  at::Tensor t = loader.next();
  ASSERT_EQ(t.sizes(), (at::IntArrayRef{4, 3, 8, 8}));
  EXPECT_EQ(t.dtype(), at::kFloat);
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_TRUE(t.device().is_cpu());
  EXPECT_GE(t.min().item<float>(), -1.0f);
  EXPECT_LE(t.max().item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(t[0][2][3][3].item<float>(), 200 / 127.5f - 1);
  EXPECT_FLOAT_EQ(t[0][1][0][5].item<float>(), 50 / 127.5f - 1);
  EXPECT_EQ(t[0][1][0][0].item<float>(), -1.0f);
  EXPECT_FALSE(mirrored(t, 0));
}

TEST(BatchLoader, EachEpochIsAPermutation) {
  BatchLoader loader(rampDataset(10), 5, 7, false);
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::set<int> seen;
    std::vector<int> order;
    for (int k = 0; k < 2; ++k) {
      at::Tensor t = loader.next();
      for (int b = 0; b < 5; ++b) seen.insert(sampleId(t, b)), order.push_back(sampleId(t, b));
    }
    EXPECT_EQ(seen.size(), 10u) << "epoch " << epoch;
    EXPECT_EQ(loader.position().epoch, epoch + 1);
    EXPECT_EQ(loader.position().index, 0);
  }
}

TEST(BatchLoader, SameSeedSameBatchesDifferentSeedDifferent) {
  auto data = rampDataset(30);
  BatchLoader a(data, 8, 42, true), b(data, 8, 42, true, 1), c(data, 8, 43, true);
  BatchLoader sync(data, 8, 42, true, /*prefetch=*/0);
  bool differs = false;
  for (int i = 0; i < 12; ++i) {
    at::Tensor ta = a.next();
    EXPECT_TRUE(ta.equal(b.next())) << i;
    EXPECT_TRUE(ta.equal(sync.next())) << i;
    differs = differs || !ta.equal(c.next());
  }
  EXPECT_TRUE(differs);
}

TEST(BatchLoader, SeekReproducesExactly) {
  auto data = rampDataset(13);
  BatchLoader loader(data, 5, 9, true);
  for (int i = 0; i < 3; ++i) loader.next();
  const BatchLoader::Position p = loader.position();
  EXPECT_EQ(p.epoch, 1);
  EXPECT_EQ(p.index, 2);  // 15 samples = one epoch of 13 + 2
  std::vector<at::Tensor> expected;
  for (int i = 0; i < 6; ++i) expected.push_back(loader.next());

  // A fresh loader (a resumed run) and the same loader seeking back both replay the stream.
  BatchLoader resumed(data, 5, 9, true);
  resumed.seek(p);
  EXPECT_EQ(resumed.position().epoch, p.epoch);
  loader.seek(p);
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(resumed.next().equal(expected[i])) << i;
    EXPECT_TRUE(loader.next().equal(expected[i])) << i;
  }
  // An index past the end of an epoch is normalised.
  loader.seek({0, 13});
  EXPECT_EQ(loader.position().epoch, 1);
  EXPECT_EQ(loader.position().index, 0);
  EXPECT_THROW(loader.seek({-1, 0}), GanscopeError);
}

TEST(BatchLoader, BatchLargerThanDataset) {
  BatchLoader loader(rampDataset(3), 8, 1, false);
  at::Tensor t = loader.next();
  ASSERT_EQ(t.size(0), 8);
  EXPECT_EQ(loader.position().epoch, 2);
  EXPECT_EQ(loader.position().index, 2);
  // The first two epochs each hold every image once.
  std::multiset<int> ids;
  for (int b = 0; b < 6; ++b) ids.insert(sampleId(t, b));
  EXPECT_EQ(ids, (std::multiset<int>{0, 0, 1, 1, 2, 2}));
}

// The stored image as the loader should deliver it unflipped: CHW floats in [-1, 1].
at::Tensor expectedTensor(const ImageDataset& data, int id) {
  const int r = data.resolution(), c = data.channels();
  std::vector<float> v(static_cast<size_t>(c) * r * r);
  const uint8_t* p = data.image(id);
  for (int y = 0; y < r; ++y)
    for (int x = 0; x < r; ++x)
      for (int k = 0; k < c; ++k) v[(k * r + y) * r + x] = static_cast<float>(p[(y * r + x) * c + k] / 127.5 - 1.0);
  return at::from_blob(v.data(), {c, r, r}, at::kFloat).clone();
}

TEST(BatchLoader, FlipsAboutHalfAndExactMirrors) {
  auto data = rampDataset(4);
  BatchLoader loader(data, 50, 3, true);
  int flipped = 0, total = 0;
  for (int k = 0; k < 8; ++k) {
    at::Tensor t = loader.next();
    for (int b = 0; b < 50; ++b, ++total) {
      const bool flip = mirrored(t, b);
      flipped += flip;
      at::Tensor orig = expectedTensor(*data, sampleId(t, b));
      EXPECT_TRUE(t[b].equal(flip ? orig.flip({2}) : orig)) << k << " " << b;
    }
  }
  EXPECT_GT(flipped, total * 0.4);
  EXPECT_LT(flipped, total * 0.6);
}

TEST(BatchLoader, RejectsEmptyBatch) { EXPECT_THROW(BatchLoader(rampDataset(2), 0, 1, false), GanscopeError); }

}  // namespace
}  // namespace gs

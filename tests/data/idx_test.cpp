// IDX (MNIST format) loading, raw and gzip, and its error messages.
#include <gtest/gtest.h>

#include "data/data_test_util.h"
#include "data/image_dataset.h"
#include "util/error.h"

namespace gs {
namespace {

using test::TempDir;

std::vector<uint8_t> idxPixels(int n, int side) {
  std::vector<uint8_t> px(static_cast<size_t>(n) * side * side);
  for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<uint8_t>((i * 37) % 251);
  return px;
}

std::string loadError(const DataConfig& c) {
  try {
    ImageDataset::load(c);
  } catch (const GanscopeError& e) {
    return e.what();
  }
  return "no error";
}

TEST(IdxDataset, RawAndGzipRoundTrip) {
  TempDir dir;
  const std::vector<uint8_t> px = idxPixels(5, 6);
  for (bool gz : {false, true}) {
    const std::string path = dir.file(gz ? "imgs-idx3-ubyte.gz" : "imgs-idx3-ubyte");
    test::writeIdx(path, 5, 6, 6, px, gz);
    DataConfig c;
    c.path = path;
    c.resolution = 6;
    auto d = ImageDataset::load(c);
    ASSERT_EQ(d->size(), 5) << path;
    EXPECT_EQ(d->channels(), 1);
    EXPECT_EQ(std::vector<uint8_t>(d->image(0), d->image(0) + 5 * 36), px) << path;
    EXPECT_EQ(d->summary().gray, 5);
    EXPECT_EQ(d->summary().max_width, 6);

    c.channels = ChannelPolicy::Rgb;
    c.max_images = 2;
    auto rgb = ImageDataset::load(c);
    ASSERT_EQ(rgb->size(), 2);
    ASSERT_EQ(rgb->channels(), 3);
    EXPECT_EQ(rgb->image(1)[3 * 4 + 1], px[36 + 4]);
  }
}

TEST(IdxDataset, FolderAsDebianShipsItTrainsOnTheTrainImages) {
  // dataset-fashion-mnist's layout: train and t10k images and labels side by side, gzip-compressed.
  TempDir dir;
  const std::vector<uint8_t> train = idxPixels(4, 6);
  test::writeIdx(dir.file("train-images-idx3-ubyte.gz"), 4, 6, 6, train, true);
  test::writeIdx(dir.file("t10k-images-idx3-ubyte.gz"), 2, 6, 6, idxPixels(2, 6), true);
  test::writeIdx(dir.file("train-labels-idx1-ubyte.gz"), 4, 1, 1, std::vector<uint8_t>(4, 1), true);
  DataConfig c;
  c.path = dir.path();
  c.resolution = 6;
  auto d = ImageDataset::load(c);
  EXPECT_EQ(d->size(), 4);  // the training file, not the test file
  EXPECT_TRUE(d->summary().skipped.empty());
  EXPECT_NE(d->summary().note.find("train-images-idx3-ubyte.gz"), std::string::npos) << d->summary().note;
  EXPECT_EQ(std::vector<uint8_t>(d->image(0), d->image(0) + 4 * 36), train);
}

TEST(IdxDataset, ResizesToResolution) {
  TempDir dir;
  const std::string path = dir.file("flat-idx3-ubyte");
  test::writeIdx(path, 2, 4, 4, std::vector<uint8_t>(32, 77), false);
  DataConfig c;
  c.path = path;
  c.resolution = 32;
  auto d = ImageDataset::load(c);
  EXPECT_EQ(d->resolution(), 32);
  EXPECT_EQ(d->image(1)[32 * 32 - 1], 77);
}

TEST(IdxDataset, TruncatedBadMagicAndTrailingDataNameTheFile) {
  TempDir dir;
  DataConfig c;
  c.resolution = 8;
  for (bool gz : {false, true}) {
    c.path = dir.file(gz ? "short-idx3-ubyte.gz" : "short-idx3-ubyte");
    test::writeIdx(c.path, 10, 6, 6, idxPixels(2, 6), gz);  // header promises 10 images, holds 2
    const std::string e = loadError(c);
    EXPECT_NE(e.find(c.path + ": truncated: expected 376 bytes, got 88"), std::string::npos) << e;
  }
  c.path = dir.file("labels-idx1-ubyte");
  test::writeBytes(c.path, {0, 0, 8, 1, 0, 0, 0, 2, 1, 2});
  std::string e = loadError(c);
  EXPECT_NE(e.find(c.path + ": not an IDX image file (magic 0x00000801"), std::string::npos) << e;

  c.path = dir.file("long-idx3-ubyte");
  std::vector<uint8_t> px = idxPixels(2, 6);
  px.push_back(1);
  test::writeIdx(c.path, 2, 6, 6, px, false);
  e = loadError(c);
  EXPECT_NE(e.find("unexpected data after 88 bytes"), std::string::npos) << e;

  c.path = dir.file("notes.txt");
  test::writeBytes(c.path, {'h', 'i'});
  e = loadError(c);
  EXPECT_NE(e.find("not a folder of images or an IDX file"), std::string::npos) << e;
}

TEST(IdxDataset, FashionMnistIfInstalled) {
  const std::string path = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not installed";
  DataConfig c;
  c.path = path;
  c.resolution = 32;
  c.max_images = 500;
  auto d = ImageDataset::load(c);
  EXPECT_EQ(d->size(), 500);
  EXPECT_EQ(d->channels(), 1);
  EXPECT_EQ(d->summary().min_width, 28);
  // Fashion-MNIST has black borders and bright garments.
  int64_t sum = 0;
  for (int i = 0; i < 32 * 32; ++i) sum += d->image(0)[i];
  EXPECT_GT(sum, 0);
  EXPECT_EQ(d->image(0)[0], 0);
}

}  // namespace
}  // namespace gs

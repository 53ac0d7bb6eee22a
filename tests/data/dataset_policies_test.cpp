// Pixel-exact checks of the conversion policies: alpha, 16-bit, channels, aspect, resizing.
#include <gtest/gtest.h>

#include "data/data_test_util.h"
#include "data/image_dataset.h"

namespace gs {
namespace {

using test::TempDir;

// Loads a folder holding just `image` (written as PNG) at `resolution`.
std::shared_ptr<ImageDataset> loadOne(const cv::Mat& image, int resolution, DataConfig c = {}) {
  TempDir dir;
  EXPECT_TRUE(cv::imwrite(dir.file("img.png"), image));
  c.path = dir.path();
  c.resolution = resolution;
  return ImageDataset::load(c);
}

std::vector<int> pixelAt(const ImageDataset& d, int64_t i, int x, int y) {
  const uint8_t* p = d.image(i) + (static_cast<size_t>(y) * d.resolution() + x) * d.channels();
  return std::vector<int>(p, p + d.channels());
}

TEST(DatasetPolicies, AlphaCompositedOntoBackground) {
  DataConfig c;
  c.background = {0, 0, 255};  // blue
  // OpenCV order BGRA: pure red at alpha 128 on the left half, fully transparent on the right.
  cv::Mat m(4, 4, CV_8UC4, cv::Scalar(0, 0, 255, 128));
  m(cv::Rect(2, 0, 2, 4)).setTo(cv::Scalar(0, 255, 0, 0));
  auto d = loadOne(m, 4, c);
  ASSERT_EQ(d->channels(), 3);
  // (255 * 128 + 0 * 127) / 255 = 128 red; (0 * 128 + 255 * 127) / 255 = 127 blue.
  EXPECT_EQ(pixelAt(*d, 0, 0, 0), (std::vector<int>{128, 0, 127}));
  EXPECT_EQ(pixelAt(*d, 0, 3, 3), (std::vector<int>{0, 0, 255}));
}

TEST(DatasetPolicies, AlphaKeptAsFourthChannelInRgbaOrder) {
  DataConfig c;
  c.alpha = AlphaPolicy::Keep;
  auto d = loadOne(cv::Mat(4, 4, CV_8UC4, cv::Scalar(10, 20, 30, 40)), 4, c);
  ASSERT_EQ(d->channels(), 4);
  EXPECT_EQ(pixelAt(*d, 0, 1, 2), (std::vector<int>{30, 20, 10, 40}));
}

TEST(DatasetPolicies, KeptAlphaResizesWithoutDarkFringes) {
  // Opaque white in columns 0-2, transparent black elsewhere; halving mixes column 2 with transparent column 3.
  cv::Mat m(8, 8, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  m.colRange(0, 3).setTo(cv::Scalar(255, 255, 255, 255));
  DataConfig c;
  c.alpha = AlphaPolicy::Keep;
  auto d = loadOne(m, 4, c);
  ASSERT_EQ(d->channels(), 4);
  const std::vector<int> edge = pixelAt(*d, 0, 1, 2);
  EXPECT_NEAR(edge[3], 128, 1);
  EXPECT_EQ(edge[0], 255);  // resizing straight (not premultiplied) colour would give gray 128 here
  EXPECT_EQ(pixelAt(*d, 0, 0, 0), (std::vector<int>{255, 255, 255, 255}));
  EXPECT_EQ(pixelAt(*d, 0, 3, 0)[3], 0);
}

TEST(DatasetPolicies, SixteenBitDividesBy257) {
  cv::Mat m(4, 4, CV_16UC1, cv::Scalar(65535));
  m(cv::Rect(2, 0, 2, 4)).setTo(cv::Scalar(32768));
  m(cv::Rect(0, 3, 4, 1)).setTo(cv::Scalar(257 * 10));
  auto d = loadOne(m, 4);
  ASSERT_EQ(d->channels(), 1);
  EXPECT_EQ(pixelAt(*d, 0, 0, 0)[0], 255);
  EXPECT_EQ(pixelAt(*d, 0, 3, 0)[0], 128);
  EXPECT_EQ(pixelAt(*d, 0, 1, 3)[0], 10);
  EXPECT_EQ(d->summary().high_bit_depth, 1);
  // 16-bit colour with alpha keeps working.
  auto rgba = loadOne(cv::Mat(4, 4, CV_16UC4, cv::Scalar(0, 32768, 65535, 65535)), 4);
  EXPECT_EQ(pixelAt(*rgba, 0, 2, 2), (std::vector<int>{255, 128, 0}));
}

TEST(DatasetPolicies, SixteenBitRoundsInsteadOfTruncating) {
  // Values where dividing by 257 and dropping the low byte (>> 8) disagree.
  cv::Mat m(2, 2, CV_16UC1, cv::Scalar(255));  // / 257 = 0.99 -> 1; >> 8 = 0
  m.row(1).setTo(65280);                        // / 257 = 254.01 -> 254; >> 8 = 255
  auto d = loadOne(m, 2);
  EXPECT_EQ(pixelAt(*d, 0, 0, 0)[0], 1);
  EXPECT_EQ(pixelAt(*d, 0, 0, 1)[0], 254);
}

TEST(DatasetPolicies, AutoChannels) {
  TempDir gray, mixed, alpha;
  ASSERT_TRUE(cv::imwrite(gray.file("a.png"), cv::Mat(4, 4, CV_8UC1, cv::Scalar(9))));
  ASSERT_TRUE(cv::imwrite(gray.file("b.jpg"), cv::Mat(4, 4, CV_8UC1, cv::Scalar(200))));
  ASSERT_TRUE(cv::imwrite(mixed.file("a.png"), cv::Mat(4, 4, CV_8UC1, cv::Scalar(9))));
  ASSERT_TRUE(cv::imwrite(mixed.file("b.png"), cv::Mat(4, 4, CV_8UC3, cv::Scalar(1, 2, 3))));
  ASSERT_TRUE(cv::imwrite(alpha.file("a.png"), cv::Mat(4, 4, CV_8UC1, cv::Scalar(9))));
  ASSERT_TRUE(cv::imwrite(alpha.file("b.png"), cv::Mat(4, 4, CV_8UC4, cv::Scalar(1, 2, 3, 4))));
  DataConfig c;
  c.resolution = 4;
  c.path = gray.path();
  EXPECT_EQ(ImageDataset::load(c)->channels(), 1);
  c.path = mixed.path();
  auto m = ImageDataset::load(c);
  ASSERT_EQ(m->channels(), 3);
  EXPECT_EQ(pixelAt(*m, 0, 0, 0), (std::vector<int>{9, 9, 9}));
  EXPECT_EQ(pixelAt(*m, 1, 0, 0), (std::vector<int>{3, 2, 1}));
  c.path = alpha.path();
  EXPECT_EQ(ImageDataset::load(c)->channels(), 3);
  c.alpha = AlphaPolicy::Keep;
  auto k = ImageDataset::load(c);
  ASSERT_EQ(k->channels(), 4);
  EXPECT_EQ(pixelAt(*k, 0, 0, 0), (std::vector<int>{9, 9, 9, 255}));
  c.path = mixed.path();  // alpha kept but no image has alpha: RGB
  EXPECT_EQ(ImageDataset::load(c)->channels(), 3);
  c.channels = ChannelPolicy::Gray;  // forced
  auto g = ImageDataset::load(c);
  ASSERT_EQ(g->channels(), 1);
  EXPECT_EQ(pixelAt(*g, 1, 0, 0)[0], 2);  // 0.299 * 3 + 0.587 * 2 + 0.114 * 1 = 2.16
  c.channels = ChannelPolicy::Rgba;
  EXPECT_EQ(ImageDataset::load(c)->channels(), 4);
}

// 8 x 4 image: columns 0-1 red, 2-5 green, 6-7 blue (RGB), loaded at 4 px.
cv::Mat stripes() {
  cv::Mat m(4, 8, CV_8UC3, cv::Scalar(0, 255, 0));
  m.colRange(0, 2).setTo(cv::Scalar(0, 0, 255));
  m.colRange(6, 8).setTo(cv::Scalar(255, 0, 0));
  return m;
}

const std::vector<int> kRed{255, 0, 0}, kGreen{0, 255, 0}, kBlue{0, 0, 255}, kBg{10, 20, 30};

TEST(DatasetPolicies, CenterCropKeepsTheMiddle) {
  auto d = loadOne(stripes(), 4);
  for (int x = 0; x < 4; ++x) EXPECT_EQ(pixelAt(*d, 0, x, 1), kGreen) << x;
}

TEST(DatasetPolicies, PadUsesBackgroundColour) {
  DataConfig c;
  c.aspect = AspectPolicy::Pad;
  c.background = {10, 20, 30};
  auto d = loadOne(stripes(), 4, c);
  // Padded to 8 x 8 (rows 0-1 and 6-7 background), then halved.
  for (int x = 0; x < 4; ++x) {
    EXPECT_EQ(pixelAt(*d, 0, x, 0), kBg) << x;
    EXPECT_EQ(pixelAt(*d, 0, x, 3), kBg) << x;
  }
  EXPECT_EQ(pixelAt(*d, 0, 0, 1), kRed);
  EXPECT_EQ(pixelAt(*d, 0, 1, 2), kGreen);
  EXPECT_EQ(pixelAt(*d, 0, 3, 2), kBlue);
}

TEST(DatasetPolicies, StretchSqueezesWidth) {
  DataConfig c;
  c.aspect = AspectPolicy::Stretch;
  auto d = loadOne(stripes(), 4, c);
  for (int y = 0; y < 4; ++y) {
    EXPECT_EQ(pixelAt(*d, 0, 0, y), kRed);
    EXPECT_EQ(pixelAt(*d, 0, 1, y), kGreen);
    EXPECT_EQ(pixelAt(*d, 0, 2, y), kGreen);
    EXPECT_EQ(pixelAt(*d, 0, 3, y), kBlue);
  }
}

TEST(DatasetPolicies, ResizeKeepsFlatColoursAndAveragesWhenShrinking) {
  // Enlarging a flat image (cubic) must not ring or overflow.
  auto up = loadOne(cv::Mat(5, 5, CV_8UC3, cv::Scalar(255, 0, 40)), 16);
  EXPECT_EQ(pixelAt(*up, 0, 7, 9), (std::vector<int>{40, 0, 255}));
  // A 1-pixel checkerboard shrunk 2x with INTER_AREA averages to mid-gray (nearest would give 0 or 255).
  cv::Mat checker(8, 8, CV_8UC1);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) checker.at<uint8_t>(y, x) = (x + y) % 2 ? 255 : 0;
  auto down = loadOne(checker, 4);
  EXPECT_NEAR(pixelAt(*down, 0, 2, 1)[0], 128, 1);
  // Enlarging a hard edge with cubic overshoots; the result stays clamped to 0..255 (no wrap-around).
  cv::Mat edge(4, 4, CV_8UC1, cv::Scalar(0));
  edge.colRange(2, 4).setTo(255);
  auto e = loadOne(edge, 16);
  EXPECT_EQ(pixelAt(*e, 0, 0, 5)[0], 0);
  EXPECT_EQ(pixelAt(*e, 0, 15, 5)[0], 255);
}

}  // namespace
}  // namespace gs

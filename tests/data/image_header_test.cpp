// Header-only size and format detection for PNG, JPEG, BMP, WebP and TIFF.
#include <gtest/gtest.h>

#include "data/image_header.h"
#include "data/data_test_util.h"

namespace gs {
namespace {

using test::encode;

ImageHeader parse(const std::vector<uint8_t>& b) { return parseImageHeader(b.data(), b.size()); }

TEST(ImageHeader, PngGray8AndRgba16) {
  ImageHeader h = parse(encode(".png", cv::Mat(30, 50, CV_8UC1, cv::Scalar(7))));
  EXPECT_EQ(h.format, ImageFormat::Png);
  EXPECT_EQ(h.width, 50);
  EXPECT_EQ(h.height, 30);
  EXPECT_EQ(h.bit_depth, 8);
  EXPECT_EQ(h.channels, 1);

  h = parse(encode(".png", cv::Mat(9, 11, CV_16UC4, cv::Scalar(1, 2, 3, 4))));
  EXPECT_EQ(h.width, 11);
  EXPECT_EQ(h.height, 9);
  EXPECT_EQ(h.bit_depth, 16);
  EXPECT_EQ(h.channels, 4);
}

TEST(ImageHeader, JpegFindsFrameAfterLargeMetadata) {
  std::vector<uint8_t> jpg = encode(".jpg", cv::Mat(40, 70, CV_8UC3, cv::Scalar(10, 20, 30)));
  ImageHeader h = parse(jpg);
  EXPECT_EQ(h.format, ImageFormat::Jpeg);
  EXPECT_EQ(h.width, 70);
  EXPECT_EQ(h.height, 40);
  EXPECT_EQ(h.channels, 3);
  EXPECT_EQ(h.bit_depth, 8);

  // Insert a 60 KB APP1 segment (like EXIF with a thumbnail) right after SOI: the reader must walk past it.
  std::vector<uint8_t> app = {0xFF, 0xE1, 0xEA, 0x62};  // length 60002
  app.resize(4 + 60000, 0xAB);
  jpg.insert(jpg.begin() + 2, app.begin(), app.end());
  h = parse(jpg);
  EXPECT_EQ(h.width, 70);
  EXPECT_EQ(h.height, 40);

  h = parse(encode(".jpg", cv::Mat(5, 6, CV_8UC1, cv::Scalar(1))));
  EXPECT_EQ(h.channels, 1);
}

TEST(ImageHeader, Bmp) {
  ImageHeader h = parse(encode(".bmp", cv::Mat(13, 17, CV_8UC3, cv::Scalar(1, 2, 3))));
  EXPECT_EQ(h.format, ImageFormat::Bmp);
  EXPECT_EQ(h.width, 17);
  EXPECT_EQ(h.height, 13);
  EXPECT_EQ(h.channels, 3);
}

TEST(ImageHeader, WebpLossyLosslessAndExtended) {
  ImageHeader h = parse(encode(".webp", cv::Mat(21, 33, CV_8UC3, cv::Scalar(1, 2, 3)), {cv::IMWRITE_WEBP_QUALITY, 80}));
  EXPECT_EQ(h.format, ImageFormat::Webp);
  EXPECT_EQ(h.width, 33);
  EXPECT_EQ(h.height, 21);
  EXPECT_EQ(h.channels, 3);

  // Quality above 100 selects lossless (VP8L); alpha sets its flag.
  h = parse(encode(".webp", cv::Mat(19, 23, CV_8UC4, cv::Scalar(1, 2, 3, 4)), {cv::IMWRITE_WEBP_QUALITY, 101}));
  EXPECT_EQ(h.width, 23);
  EXPECT_EQ(h.height, 19);
  EXPECT_EQ(h.channels, 4);

  // VP8X (extended) header written by hand: alpha flag, canvas 300 x 200.
  std::vector<uint8_t> x = {'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0,
                            0x10, 0, 0, 0, 43, 1, 0, 199, 0, 0};
  h = parse(x);
  EXPECT_EQ(h.format, ImageFormat::Webp);
  EXPECT_EQ(h.width, 300);
  EXPECT_EQ(h.height, 200);
  EXPECT_EQ(h.channels, 4);
}

TEST(ImageHeader, TiffFromFileReadsFirstDirectory) {
  test::TempDir dir;
  const std::string rgb = dir.file("a.tif"), gray16 = dir.file("b.tiff");
  ASSERT_TRUE(cv::imwrite(rgb, cv::Mat(120, 90, CV_8UC3, cv::Scalar(5, 6, 7))));
  ASSERT_TRUE(cv::imwrite(gray16, cv::Mat(10, 12, CV_16UC1, cv::Scalar(1000))));
  ImageHeader h = readImageHeader(rgb);
  EXPECT_EQ(h.format, ImageFormat::Tiff);
  EXPECT_EQ(h.width, 90);
  EXPECT_EQ(h.height, 120);
  EXPECT_EQ(h.channels, 3);
  EXPECT_EQ(h.bit_depth, 8);
  h = readImageHeader(gray16);
  EXPECT_EQ(h.width, 12);
  EXPECT_EQ(h.height, 10);
  EXPECT_EQ(h.channels, 1);
  EXPECT_EQ(h.bit_depth, 16);
}

TEST(ImageHeader, CraftedHugePngReportsClaimedSize) {
  ImageHeader h = parse(test::craftedPng(50000, 50000));
  EXPECT_EQ(h.format, ImageFormat::Png);
  EXPECT_EQ(h.width, 50000);
  EXPECT_EQ(h.height, 50000);
}

TEST(ImageHeader, MagicNotExtensionDecides) {
  const std::string text = "hello, this is not an image at all";
  EXPECT_EQ(parseImageHeader(reinterpret_cast<const uint8_t*>(text.data()), text.size()).format, ImageFormat::Unknown);
  // PNG signature with nothing after it: recognised but not valid.
  std::vector<uint8_t> sig = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  ImageHeader h = parse(sig);
  EXPECT_EQ(h.format, ImageFormat::Png);
  EXPECT_FALSE(h.valid());
  EXPECT_EQ(parse({}).format, ImageFormat::Unknown);
}

TEST(ImageHeader, MissingFileThrowsNamingIt) {
  try {
    readImageHeader("/nonexistent/dir/x.png");
    FAIL() << "expected GanscopeError";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/x.png"), std::string::npos);
  }
}

}  // namespace
}  // namespace gs

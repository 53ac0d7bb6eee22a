// Folder loading: formats, skipped files with reasons, errors, progress and cancellation, fingerprint.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>

#include "data/data_test_util.h"
#include "data/image_dataset.h"
#include "util/error.h"

namespace gs {
namespace {

using test::TempDir;

DataConfig configFor(const std::string& path, int resolution = 16) {
  DataConfig c;
  c.path = path;
  c.resolution = resolution;
  return c;
}

std::map<std::string, std::string> reasonsByName(const DatasetSummary& s) {
  std::map<std::string, std::string> m;
  for (const auto& k : s.skipped) m[std::filesystem::path(k.path).filename().string()] = k.reason;
  return m;
}

// One folder with every supported format, nested folders, hidden files and every kind of bad file.
TEST(ImageDataset, MixedFolderUsesImagesAndSkipsBadFilesWithReasons) {
  TempDir dir;
  ASSERT_TRUE(cv::imwrite(dir.file("a_gray.png"), cv::Mat(20, 20, CV_8UC1, cv::Scalar(100))));
  ASSERT_TRUE(cv::imwrite(dir.file("b_rgb.jpg"), cv::Mat(24, 24, CV_8UC3, cv::Scalar(0, 0, 255))));
  ASSERT_TRUE(cv::imwrite(dir.file("c_rgba.png"), cv::Mat(16, 16, CV_8UC4, cv::Scalar(0, 255, 0, 128))));
  ASSERT_TRUE(cv::imwrite(dir.file("sub/deeper/d_16bit.png"), cv::Mat(16, 16, CV_16UC3, cv::Scalar(65535, 0, 0))));
  ASSERT_TRUE(cv::imwrite(dir.file("sub/e.bmp"), cv::Mat(32, 32, CV_8UC3, cv::Scalar(1, 2, 3))));
  ASSERT_TRUE(cv::imwrite(dir.file("sub/f.webp"), cv::Mat(16, 16, CV_8UC3, cv::Scalar(9, 9, 9))));
  ASSERT_TRUE(cv::imwrite(dir.file("sub/g.tiff"), cv::Mat(40, 30, CV_8UC3, cv::Scalar(4, 5, 6))));
  ASSERT_TRUE(cv::imwrite(dir.file(".hidden/h.png"), cv::Mat(8, 8, CV_8UC1, cv::Scalar(1))));
  ASSERT_TRUE(cv::imwrite(dir.file(".dot.png"), cv::Mat(8, 8, CV_8UC1, cv::Scalar(1))));
  // An image named like text: content decides.
  test::writeBytes(dir.file("notes.txt"), test::encode(".png", cv::Mat(16, 16, CV_8UC1, cv::Scalar(3))));
  test::writeBytes(dir.file("zero.png"), {});
  const std::string text = "just some text, not an image";
  test::writeBytes(dir.file("x.png"), std::vector<uint8_t>(text.begin(), text.end()));
  std::vector<uint8_t> png = test::encode(".png", cv::Mat(64, 64, CV_8UC3, cv::Scalar(1, 100, 200)));
  png.resize(png.size() / 2);
  test::writeBytes(dir.file("truncated.png"), png);
  test::writeBytes(dir.file("sub/huge.png"), test::craftedPng(50000, 50000));

  auto data = ImageDataset::load(configFor(dir.path()));
  const DatasetSummary& s = data->summary();
  EXPECT_EQ(s.source, dir.path());
  EXPECT_EQ(s.files_found, 12);  // hidden file and folder left out
  EXPECT_EQ(s.images_used, 8);
  EXPECT_EQ(data->size(), 8);
  EXPECT_EQ(data->channels(), 3);
  EXPECT_EQ(data->resolution(), 16);
  EXPECT_EQ(s.gray, 2);  // a_gray.png and notes.txt
  EXPECT_EQ(s.rgba, 1);
  EXPECT_EQ(s.rgb, 5);
  EXPECT_EQ(s.high_bit_depth, 1);
  EXPECT_EQ(s.min_width, 16);
  EXPECT_EQ(s.max_width, 32);
  EXPECT_EQ(s.max_height, 40);

  auto reasons = reasonsByName(s);
  ASSERT_EQ(reasons.size(), 4u);
  EXPECT_EQ(reasons["zero.png"], "zero-byte file");
  EXPECT_EQ(reasons["x.png"], "not an image (unknown header)");
  EXPECT_EQ(reasons["truncated.png"], "PNG damaged (decoder failed)");
  EXPECT_EQ(reasons["huge.png"], "too large: 50000 x 50000 pixels (limit 100000000)");

  // Sorted path order: a_gray first (gray 100 -> R = G = B = 100), b_rgb second (BGR red -> RGB red).
  EXPECT_EQ(data->image(0)[0], 100);
  const uint8_t* red = data->image(1);
  EXPECT_GT(red[0], 240);
  EXPECT_LT(red[2], 15);
  const uint8_t* blue16 = data->image(4);  // after a_gray, b_rgb, c_rgba, notes.txt: sub/deeper/d_16bit.png
  EXPECT_EQ(blue16[0], 0);
  EXPECT_EQ(blue16[2], 255);
}

TEST(ImageDataset, UnreadableFileIsSkipped) {
  if (geteuid() == 0) GTEST_SKIP() << "root can read files with mode 000";
  TempDir dir;
  ASSERT_TRUE(cv::imwrite(dir.file("ok.png"), cv::Mat(8, 8, CV_8UC1, cv::Scalar(1))));
  const std::string locked = dir.file("locked.png");
  ASSERT_TRUE(cv::imwrite(locked, cv::Mat(8, 8, CV_8UC1, cv::Scalar(1))));
  ASSERT_EQ(chmod(locked.c_str(), 0), 0);
  auto data = ImageDataset::load(configFor(dir.path(), 8));
  EXPECT_EQ(data->size(), 1);
  EXPECT_EQ(reasonsByName(data->summary())["locked.png"], "unreadable (permission denied)");
}

TEST(ImageDataset, MissingEmptyAndJunkFoldersThrow) {
  EXPECT_THROW(ImageDataset::load(configFor("/nonexistent/ganscope/data")), GanscopeError);
  TempDir empty;
  test::writeBytes(empty.file(".DS_Store"), {1, 2, 3});
  try {
    ImageDataset::load(configFor(empty.path()));
    FAIL() << "empty folder accepted";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("empty folder"), std::string::npos) << e.what();
  }
  TempDir junk;
  test::writeBytes(junk.file("a.png"), {});
  test::writeBytes(junk.file("b.jpg"), {'h', 'i', '!', '!'});
  test::writeBytes(junk.file("c/d.txt"), {'t', 'e', 'x', 't'});
  try {
    ImageDataset::load(configFor(junk.path()));
    FAIL() << "junk folder accepted";
  } catch (const GanscopeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("3 files found, 3 skipped"), std::string::npos) << m;
    EXPECT_NE(m.find("zero-byte file"), std::string::npos) << m;
    EXPECT_NE(m.find(junk.path()), std::string::npos) << m;
  }
}

TEST(ImageDataset, MaxImagesFillsTheCapPastSkippedFiles) {
  TempDir dir;
  test::writeBytes(dir.file("0_bad.png"), {});
  test::writeBytes(dir.file("1_bad.png"), {'x'});
  for (int i = 2; i < 8; ++i) {
    ASSERT_TRUE(cv::imwrite(dir.file(std::to_string(i) + ".png"), cv::Mat(8, 8, CV_8UC1, cv::Scalar(i * 10))));
  }
  DataConfig c = configFor(dir.path(), 8);
  c.max_images = 3;
  auto data = ImageDataset::load(c);
  ASSERT_EQ(data->size(), 3);
  EXPECT_EQ(data->image(0)[0], 20);
  EXPECT_EQ(data->image(2)[0], 40);
  EXPECT_EQ(data->summary().skipped.size(), 2u);
  EXPECT_EQ(data->summary().files_found, 8);
}

TEST(ImageDataset, ProgressReachesTotalAndStopCancels) {
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(cv::imwrite(dir.file("img" + std::to_string(i) + ".png"), cv::Mat(8, 8, CV_8UC3, cv::Scalar(i))));
  }
  int64_t last_done = -1, last_total = -1;
  ImageDataset::load(configFor(dir.path(), 8), [&](int64_t d, int64_t t) { last_done = d, last_total = t; });
  EXPECT_EQ(last_done, 20);
  EXPECT_EQ(last_total, 20);
  try {
    ImageDataset::load(configFor(dir.path(), 8), {}, [] { return true; });
    FAIL() << "not cancelled";
  } catch (const GanscopeError& e) {
    EXPECT_STREQ(e.what(), "loading cancelled");
  }
}

TEST(ImageDataset, FingerprintStableAndSensitive) {
  TempDir dir;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(cv::imwrite(dir.file(std::to_string(i) + ".png"), cv::Mat(8, 8, CV_8UC3, cv::Scalar(i, 50, 90))));
  }
  const std::string f1 = ImageDataset::load(configFor(dir.path(), 8))->fingerprint();
  EXPECT_EQ(f1.size(), 16u);
  EXPECT_EQ(f1.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ImageDataset::load(configFor(dir.path(), 8))->fingerprint(), f1);

  std::vector<uint8_t> px(2 * 4 * 4 * 3, 7);
  const std::string a = ImageDataset::fromPixels(px, 2, 3, 4)->fingerprint();
  px[29] = 8;
  EXPECT_NE(ImageDataset::fromPixels(px, 2, 3, 4)->fingerprint(), a);
  px[29] = 7;
  EXPECT_EQ(ImageDataset::fromPixels(px, 2, 3, 4)->fingerprint(), a);
  // Same bytes, different shape.
  EXPECT_NE(ImageDataset::fromPixels(px, 6, 1, 4)->fingerprint(), a);
}

TEST(ImageDataset, FromPixelsAccessorsAndValidation) {
  std::vector<uint8_t> px(3 * 2 * 2 * 4);
  for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<uint8_t>(i);
  auto d = ImageDataset::fromPixels(px, 3, 4, 2);
  EXPECT_EQ(d->size(), 3);
  EXPECT_EQ(d->image(1)[0], 16);
  ImageU8 im = d->imageU8(2);
  EXPECT_EQ(im.width, 2);
  EXPECT_EQ(im.channels, 4);
  EXPECT_EQ(im.pixels[0], 32);
  EXPECT_EQ(d->thumbnails(10).size(), 3u);
  EXPECT_EQ(d->thumbnails(2).size(), 2u);
  EXPECT_EQ(d->summary().rgba, 3);
  EXPECT_THROW(ImageDataset::fromPixels(px, 4, 4, 2), GanscopeError);
  EXPECT_THROW(ImageDataset::fromPixels(std::vector<uint8_t>(8), 2, 2, 2), GanscopeError);
  EXPECT_THROW(d->image(3), std::out_of_range);
}

}  // namespace
}  // namespace gs

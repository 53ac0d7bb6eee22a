// Latent walks and animation exports: slerp keeps Gaussian-latent norms and the walk visits every key; animated
// PNGs and MP4s hold every frame, decode to the frames' colours and carry the AI-generated label; bad frames
// and formats are named errors; an unfinished export leaves nothing behind.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <cmath>
#include <filesystem>
#include <random>

#include "explore/latent_walk.h"
#include "export/animation_export.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

ImageU8 solid(int w, int h, int channels, uint8_t r, uint8_t g, uint8_t b) {
  ImageU8 img;
  img.width = w;
  img.height = h;
  img.channels = channels;
  for (int i = 0; i < w * h; ++i) {
    const uint8_t px[4] = {r, g, b, 255};
    for (int c = 0; c < channels; ++c) img.pixels.push_back(channels == 1 ? r : px[c]);
  }
  return img;
}

std::vector<float> gaussian(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> d;
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = d(rng);
  return v;
}

double norm(const std::vector<float>& v) {
  double s = 0;
  for (float x : v) s += double(x) * x;
  return std::sqrt(s);
}

// Chunk types of a PNG file, in order.
std::vector<std::string> chunkTypes(const std::string& bytes) {
  std::vector<std::string> types;
  for (size_t pos = 8; pos + 12 <= bytes.size();) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + pos);
    const size_t len = (size_t(p[0]) << 24) | (size_t(p[1]) << 16) | (size_t(p[2]) << 8) | p[3];
    types.push_back(bytes.substr(pos + 4, 4));
    pos += 12 + len;
  }
  return types;
}

class AnimationExport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gs_anim_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

const uint8_t kColours[5][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {40, 40, 40}};

}  // namespace

TEST(LatentWalk, VisitsEveryKeyAndKeepsTheNorm) {
  const std::vector<std::vector<float>> keys = {gaussian(128, 1), gaussian(128, 2), gaussian(128, 3)};
  const auto loop = latentWalk(keys, 4, /*loop=*/true);
  ASSERT_EQ(loop.size(), 12u);
  EXPECT_EQ(loop[0], keys[0]);
  for (int k = 0; k < 3; ++k)
    for (size_t i = 0; i < 128; ++i) EXPECT_NEAR(loop[size_t(4 * k)][i], keys[size_t(k)][i], 1e-5);
  // Halfway along an arc the norm stays that of the keys (a straight line would lose about 30%).
  const auto mid = slerp(keys[0], keys[1], 0.5);
  const double expected = 0.5 * (norm(keys[0]) + norm(keys[1]));
  EXPECT_NEAR(norm(mid), expected, 0.1 * expected);
  const auto open = latentWalk(keys, 4, /*loop=*/false);
  ASSERT_EQ(open.size(), 9u);
  EXPECT_EQ(open.back(), keys.back());
  EXPECT_EQ(latentWalkRecipe({4, 9}, 12, false, 30), "spherical through seeds 4,9, 12 frames per seed, 30 fps");
  EXPECT_THROW(latentWalk({keys[0]}, 4, true), GanscopeError);
  EXPECT_THROW(latentWalk({keys[0], gaussian(64, 4)}, 4, true), GanscopeError);
  EXPECT_THROW(latentWalk(keys, 0, true), GanscopeError);
}

TEST_F(AnimationExport, AnimatedPngHoldsEveryFrameAndTheLabel) {
  const std::string file = path("walk.png");
  auto writer = AnimationWriter::open(file, 12, standardExportText());
  for (const auto& c : kColours) writer->add(solid(7, 5, 3, c[0], c[1], c[2]));
  writer->finish();
  const std::string bytes = readFile(file);
  const auto types = chunkTypes(bytes);
  ASSERT_GE(types.size(), 3u);
  EXPECT_EQ(types[0], "IHDR");
  EXPECT_EQ(types[1], "acTL");
  EXPECT_EQ(std::count(types.begin(), types.end(), "fcTL"), 5);
  EXPECT_GE(std::count(types.begin(), types.end(), "fdAT"), 4);
  EXPECT_EQ(types.back(), "IEND");
  bool labelled = false;
  for (const auto& [key, value] : readPngText(file)) labelled = labelled || (key == "AI-generated" && value == "true");
  EXPECT_TRUE(labelled);
  // A viewer without APNG support shows the first frame.
  const cv::Mat first = cv::imread(file, cv::IMREAD_COLOR);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.at<cv::Vec3b>(2, 3), cv::Vec3b(0, 0, 255));  // red, as BGR
}

TEST_F(AnimationExport, Mp4HoldsEveryFrameAndTheLabel) {
  const std::string file = path("walk.mp4");
  auto writer = AnimationWriter::open(file, 10, standardExportText());
  for (int i = 0; i < 10; ++i) {
    const auto& c = kColours[i % 5];
    writer->add(solid(33, 20, 3, c[0], c[1], c[2]));  // odd width: padded to 34
  }
  writer->finish();
  EXPECT_NE(readMp4Comment(file).find("AI-generated: true"), std::string::npos) << readMp4Comment(file);
  cv::VideoCapture video(file, cv::CAP_FFMPEG);
  ASSERT_TRUE(video.isOpened());
  cv::Mat frame;
  int frames = 0;
  while (video.read(frame)) {
    ASSERT_EQ(frame.cols, 34);
    ASSERT_EQ(frame.rows, 20);
    if (frames < 5) {  // lossy, but a solid colour comes back close
      const cv::Scalar mean = cv::mean(frame);
      const auto& c = kColours[frames];
      EXPECT_NEAR(mean[2], c[0], 20) << frames;
      EXPECT_NEAR(mean[1], c[1], 20) << frames;
      EXPECT_NEAR(mean[0], c[2], 20) << frames;
    }
    ++frames;
  }
  EXPECT_EQ(frames, 10);
  // Only the video itself in the folder: the temporary file was renamed.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(AnimationExport, BadFramesAndFormatsAreNamedAndUnfinishedExportsLeaveNothing) {
  try {
    AnimationWriter::open(path("walk.gif"), 12, {});
    FAIL() << "no error for .gif";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("walk.gif"), std::string::npos) << e.what();
  }
  for (const char* name : {"a.png", "a.mp4"}) {
    auto writer = AnimationWriter::open(path(name), 12, {});
    writer->add(solid(8, 8, 3, 1, 2, 3));
    EXPECT_THROW(writer->add(solid(8, 6, 3, 1, 2, 3)), GanscopeError) << name;
    EXPECT_THROW(writer->add(solid(8, 8, 4, 1, 2, 3)), GanscopeError) << name;
    writer.reset();  // never finished
  }
  EXPECT_TRUE(fs::is_empty(dir_));
  EXPECT_THROW(AnimationWriter::open(path("a.mp4"), 0, {}), GanscopeError);
  try {
    AnimationWriter::open(path("missing/a.mp4"), 12, {});
    FAIL() << "no error for a missing folder";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

TEST(AnimationExportUpscale, RepeatsEveryPixel) {
  ImageU8 img = solid(2, 1, 3, 10, 20, 30);
  img.pixels[3] = 99;  // second pixel's red
  const ImageU8 big = upscaleNearest(img, 3);
  ASSERT_EQ(big.width, 6);
  ASSERT_EQ(big.height, 3);
  EXPECT_EQ(big.pixels[(2 * 6 + 2) * 3], 10);
  EXPECT_EQ(big.pixels[(2 * 6 + 3) * 3], 99);
  // Videos are upscaled to at least 256 px.
  EXPECT_EQ(videoScale(32), 8);
  EXPECT_EQ(videoScale(64), 4);
  EXPECT_EQ(videoScale(100), 3);
  EXPECT_EQ(videoScale(256), 1);
}

}  // namespace gs

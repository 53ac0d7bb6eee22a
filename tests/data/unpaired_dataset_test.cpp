// CycleGAN's two unpaired domains: two folders of any counts read into one channel count, or two classes of a
// labelled folder; every mistake (unknown class, the same class twice, no second domain) named clearly.
#include <gtest/gtest.h>

#include <filesystem>

#include "data/unpaired_dataset.h"
#include "export/png_export.h"
#include "pix2pix_fixture.h"
#include "temp_dir.h"
#include "util/error.h"

namespace gs {
namespace {

ImageU8 grayImage(int res, uint8_t v) {
  ImageU8 im;
  im.width = im.height = res;
  im.channels = 1;
  im.pixels.assign(static_cast<size_t>(res) * res, v);
  return im;
}

void writeImages(const std::filesystem::path& dir, int count, bool gray) {
  std::filesystem::create_directories(dir);
  for (int i = 0; i < count; ++i)
    writePng(dir / ("im" + std::to_string(i) + ".png"),
             gray ? grayImage(40, static_cast<uint8_t>(20 * i)) : test::squareImage(40, i));
}

std::string messageOf(const DataConfig& c) {
  try {
    loadUnpairedDataset(c);
  } catch (const GanscopeError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(UnpairedDataset, TwoFoldersOfOtherCountsShareTheWiderChannels) {
  test::TempDir dir;
  writeImages(dir / "horses", 5, /*gray=*/false);
  writeImages(dir / "zebras", 3, /*gray=*/true);
  DataConfig c;
  c.path = dir / "horses";
  c.path_b = dir / "zebras";
  c.resolution = 32;
  const UnpairedDataset d = loadUnpairedDataset(c);
  EXPECT_EQ(d.a->size(), 5);
  EXPECT_EQ(d.b->size(), 3);
  EXPECT_EQ(d.a->channels(), 3);
  EXPECT_EQ(d.b->channels(), 3);  // the gray domain read as RGB beside a colour one
  EXPECT_EQ(d.b->image(2)[0], d.b->image(2)[1]);
  EXPECT_EQ(d.name_a, "horses");
  EXPECT_EQ(d.name_b, "zebras");
  EXPECT_EQ(d.summary.images_used, 8);
  EXPECT_NE(d.summary.note.find("A = horses (5 images), B = zebras (3 images)"), std::string::npos)
      << d.summary.note;

  // The fingerprint tells the domains apart (swapped, or another image), and is stable.
  DataConfig swapped = c;
  std::swap(swapped.path, swapped.path_b);
  EXPECT_NE(loadUnpairedDataset(swapped).fingerprint(), d.fingerprint());
  EXPECT_EQ(loadUnpairedDataset(c).fingerprint(), d.fingerprint());
  const UnpairedDataset fewer = d.without({0, 4}, {1});
  EXPECT_EQ(fewer.a->size(), 3);
  EXPECT_EQ(fewer.b->size(), 2);
  EXPECT_EQ(std::vector<uint8_t>(fewer.a->image(0), fewer.a->image(0) + d.a->imageBytes()),
            std::vector<uint8_t>(d.a->image(1), d.a->image(1) + d.a->imageBytes()));
  EXPECT_NE(fewer.fingerprint(), d.fingerprint());
}

TEST(UnpairedDataset, TwoClassesOfALabelledFolder) {
  test::TempDir dir;
  writeImages(dir / "data/boots", 4, false);
  writeImages(dir / "data/sneakers", 3, false);
  writeImages(dir / "data/shirts", 2, false);
  DataConfig c;
  c.path = dir / "data";
  c.resolution = 32;
  c.class_a = "sneakers";
  c.class_b = "0";  // by index: classes are sorted by name, boots first
  const UnpairedDataset d = loadUnpairedDataset(c);
  EXPECT_EQ(d.a->size(), 3);
  EXPECT_EQ(d.b->size(), 4);
  EXPECT_EQ(d.name_a, "sneakers");
  EXPECT_EQ(d.name_b, "boots");

  c.class_b = "sandals";
  const std::string unknown = messageOf(c);
  EXPECT_NE(unknown.find("domain B"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("shirts"), std::string::npos) << unknown;  // the known classes are listed
  c.class_b = "Sneakers";  // a case-insensitive match: the same class as A
  EXPECT_NE(messageOf(c).find("both class sneakers"), std::string::npos) << messageOf(c);
  c.class_b.clear();
  EXPECT_NE(messageOf(c).find("two domains"), std::string::npos) << messageOf(c);
  c.path_b = dir / "missing";
  EXPECT_NE(messageOf(c).find("missing"), std::string::npos) << messageOf(c);
}

}  // namespace
}  // namespace gs

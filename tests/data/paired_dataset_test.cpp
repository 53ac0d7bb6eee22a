// Image pairs for pix2pix: side-by-side split, A/ + B/ folders matched by name, Canny edge pairs, direction, and a
// clear reason naming the file for every pair that can't be used; the paired batch stream stays paired.
#include <gtest/gtest.h>

#include <filesystem>

#include "data/paired_batch_loader.h"
#include "data/paired_dataset.h"
#include "export/png_export.h"
#include "pix2pix_fixture.h"
#include "temp_dir.h"
#include "util/error.h"

namespace gs {
namespace {

DataConfig pairsConfig(const std::string& path, PairSource source, int res = 32) {
  DataConfig c;
  c.path = path;
  c.resolution = res;
  c.pairs = source;
  return c;
}

const uint8_t* pixel(const ImageDataset& d, int64_t i, int x, int y) {
  return d.image(i) + (static_cast<size_t>(y) * d.resolution() + x) * d.channels();
}

std::string reasonFor(const DatasetSummary& s, const std::string& file_part) {
  for (const auto& k : s.skipped)
    if (k.path.find(file_part) != std::string::npos) return k.reason;
  return "<not skipped>";
}

TEST(PairedDataset, SideBySideSplitsEachFileIntoAAndB) {
  test::TempDir dir;
  for (int i = 0; i < 3; ++i)
    writePng(dir / ("p" + std::to_string(i) + ".png"),
             test::sideBySide(test::solidImage(48, 48, 250, 0, 0), test::solidImage(48, 48, 0, 0, 250)));
  writePng(dir / "odd.png", test::solidImage(65, 32, 9, 9, 9));
  const PairedDataset d = loadPairedDataset(pairsConfig(dir.path(), PairSource::Auto));
  EXPECT_EQ(d.source, PairSource::SideBySide);
  ASSERT_EQ(d.size(), 3);
  EXPECT_EQ(d.a->resolution(), 32);
  EXPECT_EQ(pixel(*d.a, 1, 16, 16)[0], 250);  // left half: red
  EXPECT_EQ(pixel(*d.a, 1, 16, 16)[2], 0);
  EXPECT_EQ(pixel(*d.b, 1, 16, 16)[2], 250);  // right half: blue
  EXPECT_EQ(pixel(*d.b, 1, 16, 16)[0], 0);
  // The odd-width file is skipped with the reason, named.
  ASSERT_EQ(d.summary.skipped.size(), 1u);
  EXPECT_NE(d.summary.skipped[0].path.find("odd.png"), std::string::npos);
  EXPECT_NE(d.summary.skipped[0].reason.find("width 65 is odd"), std::string::npos) << d.summary.skipped[0].reason;

  // The other direction swaps the halves.
  DataConfig reversed = pairsConfig(dir.path(), PairSource::SideBySide);
  reversed.reverse_pairs = true;
  const PairedDataset r = loadPairedDataset(reversed);
  EXPECT_EQ(pixel(*r.a, 0, 3, 3)[2], 250);
  EXPECT_EQ(pixel(*r.b, 0, 3, 3)[0], 250);
  EXPECT_NE(r.fingerprint(), d.fingerprint());
}

TEST(PairedDataset, FoldersPairByFileNameAndNameTheUnpaired) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "A/sub");
  std::filesystem::create_directories(dir / "B/sub");
  writePng(dir / "A/one.png", test::solidImage(40, 40, 10, 10, 10));
  writePng(dir / "B/one.png", test::solidImage(40, 40, 200, 200, 200));
  writePng(dir / "A/sub/two.png", test::solidImage(40, 40, 20, 20, 20));
  writePng(dir / "B/sub/two.bmp.png", test::solidImage(40, 40, 0, 0, 0));  // another stem: no partner
  writePng(dir / "A/three.png", test::solidImage(40, 40, 30, 30, 30));
  writePng(dir / "B/three.png", test::solidImage(20, 40, 30, 30, 30));      // another size
  writePng(dir / "A/four.png", test::solidImage(40, 40, 40, 40, 40));
  writePng(dir / "B/four.png", test::solidImage(40, 40, 140, 140, 140));
  const PairedDataset d = loadPairedDataset(pairsConfig(dir.path(), PairSource::Auto));
  EXPECT_EQ(d.source, PairSource::Folders);
  ASSERT_EQ(d.size(), 2);
  EXPECT_EQ(d.names, (std::vector<std::string>{"four.png", "one.png"}));
  EXPECT_EQ(pixel(*d.a, 1, 0, 0)[0], 10);
  EXPECT_EQ(pixel(*d.b, 1, 0, 0)[0], 200);
  EXPECT_NE(reasonFor(d.summary, "A/sub/two.png").find("no partner in B/"), std::string::npos);
  EXPECT_NE(reasonFor(d.summary, "B/sub/two.bmp.png").find("no partner in A/"), std::string::npos);
  EXPECT_NE(reasonFor(d.summary, "A/three.png").find("is 40x40 but its partner"), std::string::npos)
      << reasonFor(d.summary, "A/three.png");
}

TEST(PairedDataset, MissingSubfolderOrNothingUsableIsAnErrorNamingIt) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "A");
  try {
    loadPairedDataset(pairsConfig(dir.path(), PairSource::Folders));
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("/B: missing"), std::string::npos) << e.what();
  }
  test::TempDir odd;
  writePng(odd / "x.png", test::solidImage(33, 16, 1, 2, 3));
  try {
    loadPairedDataset(pairsConfig(odd.path(), PairSource::SideBySide));
    FAIL();
  } catch (const GanscopeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("no usable image pairs"), std::string::npos) << m;
    EXPECT_NE(m.find("x.png: width 33 is odd"), std::string::npos) << m;
  }
}

TEST(PairedDataset, EdgesPairsAreCannyLinesOnWhiteBesideTheImage) {
  test::TempDir dir;
  writePng(dir / "sq.png", test::squareImage(64, 0, 200, 40, 40));  // square of 21 px at (0, 0)
  writePng(dir / "sq2.png", test::squareImage(64, 4, 20, 40, 200));
  const PairedDataset d = loadPairedDataset(pairsConfig(dir.path(), PairSource::Edges));
  ASSERT_EQ(d.size(), 2);
  EXPECT_EQ(d.a->channels(), 1);
  EXPECT_EQ(d.b->channels(), 3);
  // Image 0: square at x, y in [0, 21) of 64 px -> [0, 10.5) of 32 px. Its right edge is a dark line near x 10.
  int darkest = 255;
  for (int x = 8; x <= 12; ++x) darkest = std::min<int>(darkest, pixel(*d.a, 0, x, 5)[0]);
  EXPECT_LT(darkest, 160);
  EXPECT_GT(pixel(*d.a, 0, 5, 5)[0], 240);    // inside the flat square: no edge
  EXPECT_GT(pixel(*d.a, 0, 25, 25)[0], 240);  // white background: no edge
  EXPECT_EQ(pixel(*d.b, 0, 5, 5)[0], 200);    // B is the image itself
}

TEST(PairedDataset, HeldOutIndicesAreSpreadAndNeedEnoughPairs) {
  EXPECT_EQ(heldOutIndices(100, 4), (std::vector<int64_t>{12, 37, 62, 87}));
  EXPECT_TRUE(heldOutIndices(15, 4).empty());
}

TEST(PairedBatchLoader, BatchesStayPairedAcrossEpochsFlipsAndSeeks) {
  // Pair i: A and B both hold the value i at every pixel, so a mismatch shows at once; x-ramp in A shows flips.
  const int n = 7, r = 32;
  std::vector<uint8_t> a(static_cast<size_t>(n) * r * r), b(static_cast<size_t>(n) * r * r * 3);
  for (int i = 0; i < n; ++i)
    for (int p = 0; p < r * r; ++p) {
      a[static_cast<size_t>(i) * r * r + p] = static_cast<uint8_t>(10 * i + (p % r == 0 ? 100 : 0));
      for (int c = 0; c < 3; ++c) b[(static_cast<size_t>(i) * r * r + p) * 3 + c] = static_cast<uint8_t>(10 * i);
      b[(static_cast<size_t>(i) * r * r + p) * 3] = a[static_cast<size_t>(i) * r * r + p];
    }
  PairedDataset d;
  d.a = ImageDataset::fromPixels(a, n, 1, r);
  d.b = ImageDataset::fromPixels(b, n, 3, r);
  PairedBatchLoader loader(d, 3, 42, /*hflip=*/true);
  std::vector<at::Tensor> first;
  for (int k = 0; k < 5; ++k) {
    const auto batch = loader.next();
    first.push_back(batch.a);
    // Same pair and same flip: B's first channel repeats A, marked column (x 0, or x 31 when flipped) included.
    EXPECT_TRUE(at::equal(batch.a.select(1, 0), batch.b.select(1, 0)));
  }
  loader.seek({0, 6});
  EXPECT_TRUE(at::equal(loader.next().a, first[2]));
}

}  // namespace
}  // namespace gs

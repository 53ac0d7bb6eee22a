#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "export/png_export.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

fs::path tempDir() {
  fs::path d = fs::temp_directory_path() / ("gs_png_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

ImageU8 gradient(int w, int h, int c) {
  ImageU8 im{w, h, c, std::vector<uint8_t>(static_cast<size_t>(w) * h * c)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int k = 0; k < c; ++k) im.row(y)[x * c + k] = static_cast<uint8_t>((x * 7 + y * 13 + k * 50) % 256);
  return im;
}

TEST(PngExport, PixelsAndMetadataRoundTrip) {
  const fs::path dir = tempDir();
  for (int c : {1, 3, 4}) {
    const ImageU8 im = gradient(19, 11, c);
    PngText text = standardExportText();
    text.emplace_back("Seed", "42");
    const std::string path = (dir / ("img" + std::to_string(c) + ".png")).string();
    writePng(path, im, text);
    const ImageU8 back = readPng(path);
    EXPECT_EQ(back.channels, c);
    EXPECT_EQ(back.pixels, im.pixels) << "channels " << c;  // RGB order survives (no BGR swap)
    const PngText read = readPngText(path);
    ASSERT_EQ(read.size(), text.size());
    for (size_t i = 0; i < text.size(); ++i) EXPECT_EQ(read[i], text[i]);
  }
  fs::remove_all(dir);
}

TEST(PngExport, StandardTextMarksImagesAsAiGenerated) {
  bool labelled = false;
  for (const auto& [k, v] : standardExportText())
    if (k == "AI-generated" && v == "true") labelled = true;
  EXPECT_TRUE(labelled);
}

TEST(PngExport, RejectsBadInputWithPath) {
  const fs::path dir = tempDir();
  const std::string junk = (dir / "junk.png").string();
  std::ofstream(junk) << "hello";
  try {
    readPngText(junk);
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("junk.png"), std::string::npos);
  }
  EXPECT_THROW(readPng(junk), GanscopeError);
  ImageU8 bad{4, 4, 2, std::vector<uint8_t>(32)};
  EXPECT_THROW(encodePng(bad), GanscopeError);
  EXPECT_THROW(writePng("/nonexistent-dir/x.png", gradient(2, 2, 3)), GanscopeError);
  fs::remove_all(dir);
}

TEST(AtomicFile, ReplacesWholeFileAndLeavesNoTemporaries) {
  const fs::path dir = tempDir() / "atomic";
  fs::create_directories(dir);
  const std::string path = (dir / "f.bin").string();
  writeFileAtomic(path, "first version");
  writeFileAtomic(path, "second");
  EXPECT_EQ(readFile(path), "second");
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
  EXPECT_THROW(readFile((dir / "missing").string()), GanscopeError);
  EXPECT_THROW(readFile(dir.string()), GanscopeError);
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace gs

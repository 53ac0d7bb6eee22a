// The AI-generated label as XMP: every labelled PNG, animated PNG and MP4 carries IPTC's DigitalSourceType
// trainedAlgorithmicMedia, the creator tool and the recipe, readable by software other than ours (exiftool);
// unlabelled PNGs carry none, and recipe text is escaped so the packet stays well-formed XML.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "export/animation_export.h"
#include "export/png_export.h"
#include "export/xmp_packet.h"

namespace gs {
namespace {

namespace fs = std::filesystem;

class XmpLabel : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gs_xmp_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

ImageU8 grey(int w, int h, int c) { return ImageU8{w, h, c, std::vector<uint8_t>(size_t(w) * h * c, 120)}; }

PngText recipe() {
  PngText text = standardExportText();
  text.emplace_back("Seed", "42");
  text.emplace_back("Input", "shoes & <boots>.png");
  return text;
}

std::string xmpOf(const std::string& file) {
  for (const auto& [key, value] : readPngInternationalText(file))
    if (key == "XML:com.adobe.xmp") return value;
  return {};
}

// stdout of `exiftool -s3 TAGS FILE`, or nullopt when exiftool is not installed.
std::optional<std::string> exiftool(const std::string& tags, const std::string& file) {
  if (std::system("exiftool -ver > /dev/null 2>&1") != 0) return std::nullopt;
  const std::string command = "exiftool -s3 " + tags + " '" + file + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 512> buffer{};
  while (pipe && fgets(buffer.data(), buffer.size(), pipe.get())) out += buffer.data();
  return out;
}

TEST_F(XmpLabel, LabelledPngsCarryTheIptcSourceTypeAndTheRecipe) {
  writePng(path("a.png"), grey(8, 6, 3), recipe());
  const std::string xmp = xmpOf(path("a.png"));
  ASSERT_FALSE(xmp.empty());
  EXPECT_NE(xmp.find("Iptc4xmpExt:DigitalSourceType=\"" + std::string(kTrainedAlgorithmicMedia) + "\""),
            std::string::npos);
  EXPECT_NE(xmp.find("xmp:CreatorTool=\"GANscope "), std::string::npos);
  EXPECT_NE(xmp.find("Seed: 42"), std::string::npos);
  EXPECT_NE(xmp.find("Input: shoes &amp; &lt;boots&gt;.png"), std::string::npos) << xmp;
  EXPECT_EQ(xmp.find("<boots>"), std::string::npos);
  EXPECT_EQ(xmp.rfind("<?xpacket end=\"r\"?>"), xmp.size() - 19);
  // The tEXt recipe GANscope reads back is still there, and the pixels decode as before.
  EXPECT_EQ(readPngText(path("a.png")), recipe());
  EXPECT_EQ(readPng(path("a.png")).pixels, grey(8, 6, 3).pixels);

  // An image not labelled AI-generated (an internal file) gets no XMP.
  writePng(path("plain.png"), grey(8, 6, 1), {{"Seed", "1"}});
  EXPECT_TRUE(xmpOf(path("plain.png")).empty());
}

TEST_F(XmpLabel, ExiftoolReadsTheLabelOfPngsAnimationsAndVideos) {
  writePng(path("a.png"), grey(8, 6, 4), recipe());
  {
    auto apng = AnimationWriter::open(path("walk.png"), 10, recipe());
    for (int i = 0; i < 3; ++i) apng->add(grey(8, 6, 3));
    apng->finish();
    auto mp4 = AnimationWriter::open(path("walk.mp4"), 10, recipe());
    for (int i = 0; i < 3; ++i) mp4->add(grey(16, 16, 3));
    mp4->finish();
  }
  for (const char* name : {"a.png", "walk.png", "walk.mp4"}) {
    const auto out = exiftool("-XMP-iptcExt:DigitalSourceType -XMP-xmp:CreatorTool -XMP-dc:Description", path(name));
    if (!out) GTEST_SKIP() << "exiftool is not installed (libimage-exiftool-perl)";
    EXPECT_NE(out->find(kTrainedAlgorithmicMedia), std::string::npos) << name << ": " << *out;
    EXPECT_NE(out->find("GANscope"), std::string::npos) << name << ": " << *out;
    EXPECT_NE(out->find("shoes & <boots>.png"), std::string::npos) << name << ": " << *out;
  }
}

}  // namespace
}  // namespace gs

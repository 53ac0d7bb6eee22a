// TensorBoard event files: TFRecord framing with masked CRC-32C checked against an independent bitwise CRC,
// Event records read back (file version first, scalars, a PNG image summary), damage named, a torn tail and
// later steps cut back; and a run folder's event file written as training goes, cut back and continued on
// resume with every step once.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "export/png_export.h"
#include "tensorboard/crc32c.h"
#include "tensorboard/event_file.h"
#include "tensorboard/run_events.h"
#include "temp_dir.h"
#include "tiny_run_config.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

// CRC-32C one bit at a time (the test's own, not the table the writer uses).
uint32_t bitwiseCrc32c(const std::string& s) {
  uint32_t c = 0xffffffffu;
  for (unsigned char byte : s) {
    c ^= byte;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0x82f63b78u & (0u - (c & 1u)));
  }
  return ~c;
}

uint64_t le(const std::string& s, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<unsigned char>(s[pos + i])) << (8 * i);
  return v;
}

ImageU8 gradient(int w, int h) {
  ImageU8 im{w, h, 3, std::vector<uint8_t>(size_t(w) * h * 3)};
  for (size_t i = 0; i < im.pixels.size(); ++i) im.pixels[i] = uint8_t(i * 7);
  return im;
}

TEST(TensorBoardEvents, Crc32cMatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32c(std::string("123456789")), 0xE3069283u);
  EXPECT_EQ(crc32c(std::string("123456789")), bitwiseCrc32c("123456789"));
  EXPECT_EQ(crc32c(std::string()), 0u);
}

TEST(TensorBoardEvents, RecordsAreFramedAndReadBack) {
  if (!tensorboardAvailable()) GTEST_SKIP() << "built without libprotobuf";
  test::TempDir dir;
  const std::string path = dir / "events.out.tfevents.1.test";
  {
    EventFileWriter w(path);
    w.scalars(1, 100.5, {{"metrics/g_loss", 0.75}, {"metrics/d_loss", 1.25}});
    w.scalars(2, 101.5, {{"metrics/g_loss", 0.5}});
    w.image(2, 102.0, "samples", gradient(6, 4));
    w.flush();
  }
  // The framing, checked byte by byte with the test's own CRC.
  const std::string bytes = readFile(path);
  size_t pos = 0, records = 0;
  while (pos < bytes.size()) {
    ASSERT_LE(pos + 12, bytes.size());
    const uint64_t n = le(bytes, pos, 8);
    EXPECT_EQ(le(bytes, pos + 8, 4), maskCrc(bitwiseCrc32c(bytes.substr(pos, 8)))) << "record " << records;
    ASSERT_LE(pos + 16 + n, bytes.size());
    EXPECT_EQ(le(bytes, pos + 12 + n, 4), maskCrc(bitwiseCrc32c(bytes.substr(pos + 12, n)))) << "record " << records;
    pos += 16 + n;
    ++records;
  }
  EXPECT_EQ(records, 4u);

  const std::vector<TbEvent> events = readEventFile(path);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].file_version, "brain.Event:2");
  EXPECT_EQ(events[1].step, 1);
  EXPECT_DOUBLE_EQ(events[1].wall_time, 100.5);
  ASSERT_EQ(events[1].scalars.size(), 2u);
  EXPECT_EQ(events[1].scalars[0].first, "metrics/g_loss");
  EXPECT_FLOAT_EQ(events[1].scalars[0].second, 0.75f);
  EXPECT_EQ(events[2].step, 2);
  ASSERT_EQ(events[3].images.size(), 1u);
  const TbImage& im = events[3].images[0];
  EXPECT_EQ(im.tag, "samples");
  EXPECT_EQ(im.width, 6);
  EXPECT_EQ(im.height, 4);
  EXPECT_EQ(im.channels, 3);
  writeFileAtomic(dir / "grid.png", im.png);
  EXPECT_EQ(readPng(dir / "grid.png").pixels, gradient(6, 4).pixels);

  // A writer killed mid-record leaves a torn tail: left out on reading, dropped when the file is cut back to
  // step 1 (which also drops step 2's records), and the file goes on growing from there.
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << bytes.substr(0, 20);
  }
  bool torn = false;
  EXPECT_EQ(readTfRecords(path, &torn).size(), 4u);
  EXPECT_TRUE(torn);
  truncateEventFile(path, 1);
  EXPECT_EQ(readTfRecords(path, &torn).size(), 2u);
  EXPECT_FALSE(torn);
  {
    EventFileWriter w(path);  // continues: no second version record
    w.scalars(2, 200, {{"metrics/g_loss", 0.25}});
  }
  const std::vector<TbEvent> again = readEventFile(path);
  ASSERT_EQ(again.size(), 3u);
  EXPECT_EQ(again[2].step, 2);
  EXPECT_FLOAT_EQ(again[2].scalars[0].second, 0.25f);

  // A flipped byte is named, with the file.
  std::string damaged = readFile(path);
  damaged[14] = char(damaged[14] ^ 0x40);
  writeFileAtomic(path, damaged);
  try {
    readEventFile(path);
    FAIL() << "read a damaged event file";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("CRC"), std::string::npos) << e.what();
  }
}

// step -> tags written at that step, over the whole event file.
std::map<int64_t, std::multiset<std::string>> tagsByStep(const std::string& path) {
  std::map<int64_t, std::multiset<std::string>> out;
  for (const TbEvent& e : readEventFile(path)) {
    for (const auto& [tag, value] : e.scalars) out[e.step].insert(tag);
    for (const auto& im : e.images) out[e.step].insert(im.tag);
  }
  return out;
}

TEST(TensorBoardEvents, ARunWritesItsEventFileAndResumesItWithoutRepeats) {
  if (!tensorboardAvailable()) GTEST_SKIP() << "built without libprotobuf";
  test::TempDir dir;
  test::writeTinyImages(dir / "data", 12, 32, 32);
  TrainConfig c = tinyRunConfig(6, dir / "data");
  c.log_every = 1;
  c.sample_every = 3;
  c.checkpoint_every = 3;
  c.health_every = 3;
  c.grid_size = 2;
  c.threads = 2;
  const std::string run = dir / "run";
  trainRun(c, run, false, {});
  std::vector<std::string> files = listEventFiles(run);
  ASSERT_EQ(files.size(), 1u);
  auto tags = tagsByStep(files[0]);
  for (int64_t step = 1; step <= 6; ++step) {
    EXPECT_EQ(tags[step].count("metrics/g_loss"), 1u) << step;
    EXPECT_EQ(tags[step].count("metrics/images_seen"), 1u) << step;
  }
  EXPECT_EQ(tags[3].count("samples"), 1u);
  EXPECT_EQ(tags[6].count("samples"), 1u);
  bool health = false;
  for (const auto& tag : tags[6]) health = health || tag.rfind("health/", 0) == 0;
  EXPECT_TRUE(health) << "no health scalars at step 6";

  // Resumed to 9 from the checkpoint at 6: the same file continues, every step once.
  c.total_steps = 9;
  trainRun(c, run, true, {});
  files = listEventFiles(run);
  ASSERT_EQ(files.size(), 1u);
  tags = tagsByStep(files[0]);
  for (int64_t step = 1; step <= 9; ++step) EXPECT_EQ(tags[step].count("metrics/g_loss"), 1u) << step;
  EXPECT_EQ(tags[9].count("samples"), 1u);
  EXPECT_EQ(tags[6].count("samples"), 1u);

  // A fresh run into another folder: its own file, with only its own steps.
  c.total_steps = 2;
  c.sample_every = c.checkpoint_every = 2;
  trainRun(c, dir / "run2", false, {});
  tags = tagsByStep(listEventFiles(dir / "run2").at(0));
  EXPECT_EQ(tags.rbegin()->first, 2);
}

}  // namespace
}  // namespace gs

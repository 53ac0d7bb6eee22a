// The bad-input corpus: every kind of damaged, odd or hostile input the app meets, generated here, each giving
// a clear error that names the file and the problem (or a skip with its reason, or a clean load for odd but
// valid images), never a crash. Each kind is one row; the test prints how many kinds it covered.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>

#include "bad_corpus.h"
#include "temp_dir.h"
#include "data/image_dataset.h"
#include "explore/generator_session.h"
#include "tiny_run_config.h"
#include "training/checkpoint.h"
#include "training/checkpoint_container.h"
#include "training/jsonl_file.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
int g_kinds = 0;  // kinds of bad input checked, printed at the end

void put(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// f() must throw GanscopeError whose message names `file` and contains every word of `problem`.
void expectError(const std::string& kind, const std::function<void()>& f, const std::string& file,
                 const std::string& problem) {
  SCOPED_TRACE(kind);
  ++g_kinds;
  try {
    f();
    ADD_FAILURE() << kind << ": no error";
  } catch (const GanscopeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(file), std::string::npos) << kind << ": message does not name " << file << ": " << m;
    EXPECT_NE(m.find(problem), std::string::npos) << kind << ": message lacks \"" << problem << "\": " << m;
  } catch (const std::exception& e) {
    ADD_FAILURE() << kind << ": not a GanscopeError: " << e.what();
  }
}

TEST(BadInputCorpus, ImageFolderSkipsEachBadFileWithItsReasonAndLoadsOddValidOnes) {
  test::TempDir dir;
  const std::string d = dir / "images";
  put(d + "/good.png", corpus::goodPng());
  put(d + "/good.jpg", corpus::goodJpeg());
  // name -> expected skip reason ("" : the image must load).
  const std::map<std::string, std::string> skip = {
      {"zero.png", "zero-byte file"},
      {"truncated.png", "PNG damaged"},
      {"damaged.png", "PNG damaged"},
      {"huge.png", "too large: 30000 x 30000 pixels"},
      {"text.png", "not an image (unknown header)"},
      {"anim.gif", "GIF is not supported"},
      {"bad.bmp", "BMP damaged"},
      {"truncated.jpg", "JPEG damaged"},
      {"loop.png", "unreadable (Too many levels of symbolic links)"},
      {"dangling.png", "unreadable (No such file or directory)"},
      {"\xff\xfe-zero.png", "zero-byte file"},  // a non-UTF-8 name, reported byte for byte
      {"sixteen.png", ""},
      {"palette.png", ""},
      {"animated.png", ""},
      {"cmyk.jpg", ""},
      {"caf\xe9.png", ""},  // Latin-1 name, not UTF-8
  };
  put(d + "/zero.png", "");
  put(d + "/truncated.png", corpus::goodPng(40, 40).substr(0, 120));
  put(d + "/damaged.png", corpus::damagedPng());
  put(d + "/huge.png", corpus::hugeHeaderPng(30000, 30000));
  put(d + "/text.png", "this is a text file with an image's name\n");
  put(d + "/anim.gif", corpus::gif89a());
  put(d + "/bad.bmp", corpus::badBmpHeader());
  const std::string jpeg = corpus::goodJpeg();
  put(d + "/truncated.jpg", jpeg.substr(0, 200));
  fs::create_symlink("loop.png", d + "/loop.png");
  fs::create_symlink("nowhere.png", d + "/dangling.png");
  put(d + "/\xff\xfe-zero.png", "");
  put(d + "/sixteen.png", corpus::png16Bit());
  put(d + "/palette.png", corpus::palettePng());
  put(d + "/animated.png", corpus::animatedPng());
  put(d + "/cmyk.jpg", corpus::cmykJpeg());
  put(d + "/caf\xe9.png", corpus::goodPng(30, 20));
  // A folder cycle: the scan must not follow it round and round.
  fs::create_directories(d + "/sub");
  fs::create_directory_symlink("..", d + "/sub/up");
  const bool root = ::geteuid() == 0;
  if (!root) {
    put(d + "/unreadable.png", corpus::goodPng());
    ::chmod((d + "/unreadable.png").c_str(), 0);
  }

  DataConfig config;
  config.path = d;
  config.resolution = 32;
  const auto data = ImageDataset::load(config);
  const DatasetSummary& s = data->summary();
  std::map<std::string, std::string> reasons;
  for (const SkippedFile& f : s.skipped) reasons[f.path] = f.reason;
  int used_expected = 2;
  for (const auto& [name, reason] : skip) {
    SCOPED_TRACE(name);
    ++g_kinds;
    const auto it = reasons.find(d + "/" + name);
    if (reason.empty()) {
      ++used_expected;
      EXPECT_TRUE(it == reasons.end()) << name << " skipped: " << it->second;
    } else {
      ASSERT_TRUE(it != reasons.end()) << name << " was not reported as skipped";
      EXPECT_NE(it->second.find(reason), std::string::npos) << name << ": " << it->second;
    }
  }
  if (!root) {
    ++g_kinds;
    EXPECT_NE(reasons[d + "/unreadable.png"].find("permission denied"), std::string::npos);
  }
  EXPECT_EQ(s.images_used, used_expected);
  EXPECT_GE(s.high_bit_depth, 1);  // the 16-bit PNG counted as such
  ++g_kinds;                       // the folder cycle
  EXPECT_EQ(s.files_found, int64_t(skip.size() + 2 + (root ? 0 : 1)));
}

TEST(BadInputCorpus, IdxFilesWithWrongMagicShortDataOrAbsurdSizesNameTheFile) {
  test::TempDir dir;
  auto load = [](const std::string& path) {
    return [path] {
      DataConfig c;
      c.path = path;
      c.resolution = 32;
      ImageDataset::load(c);
    };
  };
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"wrong magic", "magic.idx3-ubyte", corpus::idx(0x00000801, 2, 28, 28, 2 * 784)},
      {"short data", "short.idx3-ubyte", corpus::idx(0x00000803, 10, 28, 28, 1000)},
      {"absurd size", "huge.idx3-ubyte", corpus::idx(0x00000803, 2000000000, 28000, 28000, 16)},
      {"gzip cut short", "cut.idx3-ubyte.gz", corpus::gzip(corpus::idx(0x00000803, 10, 28, 28, 7840)).substr(0, 60)},
      {"header only", "header.idx3-ubyte", corpus::idx(0x00000803, 0, 0, 0, 0).substr(0, 9)},
  };
  const std::vector<std::string> problems = {"magic", "truncated", "", "", ""};
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto& [kind, name, bytes] = cases[i];
    put(dir / name, bytes);
    expectError("IDX " + kind, load(dir / name), dir / name, problems[i]);
  }
}

// A real run with a checkpoint at step 2, shared by the checkpoint and run-folder cases.
class RunCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    test::writeTinyImages(*dir_ / "data", 16, 32, 32);
    TrainConfig c = tinyRunConfig(2, *dir_ / "data");
    c.checkpoint_every = 2;
    c.threads = 1;
    trainRun(c, *dir_ / "run", false, {});
    checkpoint_ = readFile(RunPaths{*dir_ / "run"}.checkpointFile(2));
  }
  static void TearDownTestSuite() { delete dir_; }
  static test::TempDir* dir_;
  static std::string checkpoint_;
};
test::TempDir* RunCorpus::dir_ = nullptr;
std::string RunCorpus::checkpoint_;

TEST_F(RunCorpus, CheckpointsCutAtRandomPointsAreRefusedByEveryLoader) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> cut(0, checkpoint_.size() - 1);
  ++g_kinds;
  for (int i = 0; i < 30; ++i) {
    const size_t n = i == 0 ? 0 : i == 1 ? checkpoint_.size() - 1 : cut(rng);
    const std::string path = *dir_ / ("cut_" + std::to_string(n) + ".gsck");
    put(path, checkpoint_.substr(0, n));
    for (auto* f : {+[](const std::string& p) { loadGeneratorFile(p); },
                    +[](const std::string& p) { GeneratorSession::open(p); },
                    +[](const std::string& p) { readCheckpointConfig(p); }}) {
      try {
        f(path);
        ADD_FAILURE() << "cut at " << n << " of " << checkpoint_.size() << " bytes loaded";
      } catch (const GanscopeError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      }
    }
  }
}

TEST_F(RunCorpus, DamagedForeignAndFutureCheckpointsNameTheProblem) {
  const std::string future = *dir_ / "future.gsck";
  put(future, corpus::withVersion(checkpoint_, 99));
  expectError("future version", [&] { loadGeneratorFile(future); }, future, "newer");

  const CheckpointParts parts = decodeCheckpoint(checkpoint_, "good");
  const std::string wrong_types = *dir_ / "wrong_types.gsck";
  put(wrong_types, encodeCheckpoint(R"({"kind": 5, "step": "many", "config": []})", parts.blob));
  expectError("header of wrong types", [&] { loadGeneratorFile(wrong_types); }, wrong_types, "header");

  const std::string not_json = *dir_ / "not_json.gsck";
  put(not_json, encodeCheckpoint("{\"kind\": \"full\", ", parts.blob));
  expectError("header not JSON", [&] { loadGeneratorFile(not_json); }, not_json, "header");

  const std::string bad_blob = *dir_ / "bad_blob.gsck";
  put(bad_blob, encodeCheckpoint(parts.header_json, "PK\x03\x04 not a torch archive"));
  expectError("archive damaged inside a valid container", [&] { loadGeneratorFile(bad_blob); }, bad_blob, "");

  const std::string png = *dir_ / "photo.gsck";
  put(png, corpus::goodPng());
  expectError("an image named .gsck", [&] { GeneratorSession::open(png); }, png, "not a GANscope checkpoint");
}

TEST_F(RunCorpus, RunFolderProblemsAreClearErrors) {
  // A checkpoint of another model (wider generator) dropped into the run as its newest.
  test::TempDir other;
  TrainConfig wide = tinyRunConfig(1, *dir_ / "data");
  wide.model.g_width = 16;
  wide.checkpoint_every = 1;
  wide.threads = 1;
  trainRun(wide, other / "run", false, {});
  fs::copy(*dir_ / "run", other / "mixed", fs::copy_options::recursive);
  const std::string foreign = RunPaths{other / "mixed"}.checkpointFile(9);
  fs::copy_file(RunPaths{other / "run"}.checkpointFile(1), foreign);
  TrainConfig more = tinyRunConfig(12, *dir_ / "data");
  expectError("checkpoint of another model", [&] { trainRun(more, other / "mixed", true, {}); }, foreign,
              "g_width 16 in the checkpoint, 8 here");

  // No checkpoints at all.
  fs::create_directories(other / "empty/checkpoints");
  put(other / "empty/config.json", toJson(more));
  expectError("run folder without checkpoints", [&] { trainRun(more, other / "empty", true, {}); },
              other / "empty", "no checkpoints");

  // config.json of wrong types, not JSON, a section that is not an object.
  const std::vector<std::pair<std::string, std::string>> configs = {
      {R"({"batch": "sixty-four"})", "batch"},
      {R"({"model": {"g_width": 1.5e400}})", "not valid JSON"},
      {R"({"model": 7})", "model"},
      {"{\"batch\": 8", "not valid JSON"},
      {R"({"optim": {"loss": "telepathy"}})", "telepathy"},
      {R"({"batch": 1e300})", "field 'batch' is not a whole number in range"},
      {R"({"model": {"g_width": 3000000000}})", "field 'g_width' is out of range"},
      {R"({"data": {"background": [255, "white", 0]}})", "background"},
  };
  for (size_t i = 0; i < configs.size(); ++i) {
    const std::string run = other / ("config_" + std::to_string(i));
    put(RunPaths{run}.config(), configs[i].first);
    expectError("config.json: " + configs[i].first, [&] { readRunConfig(run); }, RunPaths{run}.config(),
                configs[i].second);
  }
  // Missing fields keep their defaults (older files stay readable).
  const std::string sparse = other / "sparse";
  put(RunPaths{sparse}.config(), R"({"model": {"g_width": 24}})");
  ++g_kinds;
  const TrainConfig read = readRunConfig(sparse), defaults;
  EXPECT_EQ(read.model.g_width, 24);
  EXPECT_EQ(read.batch, defaults.batch);
}

TEST_F(RunCorpus, HalfWrittenJsonlLastLinesAreNeverReadAndAreCutOnResume) {
  test::TempDir other;
  fs::copy(*dir_ / "run", other / "killed", fs::copy_options::recursive);
  const RunPaths paths{other / "killed"};
  const std::string metrics = readFile(paths.metrics());
  const auto complete = MetricsTail(paths.metrics()).poll().size();
  for (const std::string& file : {paths.metrics(), paths.health(), paths.alarms()}) {
    std::ofstream(file, std::ios::app) << R"({"step": 3, "g_loss": 0.)";
  }
  ++g_kinds;
  EXPECT_EQ(MetricsTail(paths.metrics()).poll().size(), complete);
  EXPECT_TRUE(HealthTail(paths.health()).poll().size() <= 1);
  TrainConfig more = tinyRunConfig(3, *dir_ / "data");
  trainRun(more, paths.root, true, {});
  for (const std::string& file : {paths.metrics(), paths.health(), paths.alarms()}) {
    const std::string text = fs::exists(file) ? readFile(file) : "";
    EXPECT_TRUE(text.empty() || text.back() == '\n') << file << " ends in a torn line";
    EXPECT_EQ(text.find("\"g_loss\": 0.{"), std::string::npos) << file;
  }
  EXPECT_EQ(MetricsTail(paths.metrics()).poll().back().step, 3);
}

// After every test: how many kinds were checked.
class KindCount : public ::testing::Environment {
 public:
  void TearDown() override {
    std::printf("bad-input kinds covered: %d\n", g_kinds);
    EXPECT_GE(g_kinds, 20);
  }
};
[[maybe_unused]] ::testing::Environment* const g_kind_count = ::testing::AddGlobalTestEnvironment(new KindCount);

}  // namespace
}  // namespace gs

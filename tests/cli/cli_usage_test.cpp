// ganscope-cli usage through the built binary: bad arguments exit 2 naming the flag, every command has --help,
// and `data` reports what a folder holds.
#include "cli_fixture.h"

namespace gs {
namespace {

TEST_F(CliFixture, BadArgumentsExitTwoNamingTheFlag) {
  struct Case {
    Args args;
    std::string message;
  };
  // One of each kind; every flag's checks are covered by cli_args_test without starting processes.
  const std::vector<Case> cases{
      {{"train", "--data", "d", "--out", "r", "--steps", "ten"}, "--steps: expected a whole number, got 'ten'"},
      {{"train", "--data", "d", "--out", "r", "--bogus"}, "unknown flag --bogus"},
      {{"train", "--data", "d", "--out", "r", "--batch"}, "--batch needs a value"},
      {{"sample", "--out", "x.png"}, "--checkpoint FILE is required"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{}, "usage: ganscope-cli COMMAND"},
  };
  for (const auto& c : cases) {
    const auto r = cli(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << "expected '" << c.message << "' in: " << r.err;
  }
  // Failures that are not usage mistakes exit 1 with the file named.
  auto r = cli({"info", "--checkpoint", *dir_ / "nope.gsck"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.gsck"), std::string::npos) << r.err;
  r = cli({"train", "--out", *dir_ / "never", "--resume"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("never"), std::string::npos) << r.err;
}

TEST_F(CliFixture, EveryCommandHasHelp) {
  for (const char* command : {"train", "sample", "export-generator", "info", "data", "translate"}) {
    const auto r = cli({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find(std::string("usage: ganscope-cli ") + command), std::string::npos) << r.out;
  }
  const auto r = cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("export-generator"), std::string::npos);
}

TEST_F(CliFixture, DataCommandReportsUsedAndSkipped) {
  const auto r = cli({"data", "--data", *dir_ / "data", "--res", "32"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("32 images used of 34 files, 2 skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("empty.png"), std::string::npos);
  EXPECT_NE(r.out.find("fingerprint "), std::string::npos);
}

}  // namespace
}  // namespace gs

// health.jsonl lines: round trip, NaN as null, older and foreign lines.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/alarm_record.h"
#include "metrics/health_record.h"

namespace gs {
namespace {

TEST(HealthRecord, JsonLineRoundTrip) {
  HealthRecord r;
  r.step = 250;
  r.pixel_ratio = 0.5;
  r.feature_ratio = 0.25;
  r.duplicate_threshold = 0.3;
  r.duplicate_fraction = 0.125;
  r.duplicate_groups = {{1, 4}, {2, 3, 9}};
  r.birthday.batch_size = 12;
  r.birthday.support = 103.9;
  r.birthday.trials = 8;
  r.birthday.max_batch = 64;
  r.logistic = false;
  r.d_real_hist = {-10, 10, {1, 2, 3}};
  const std::string line = healthLine(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  HealthRecord back;
  ASSERT_TRUE(parseHealthLine(line, back));
  EXPECT_EQ(back.step, 250);
  EXPECT_DOUBLE_EQ(back.pixel_ratio, 0.5);
  EXPECT_DOUBLE_EQ(back.feature_ratio, 0.25);
  EXPECT_EQ(back.duplicate_groups, r.duplicate_groups);
  EXPECT_EQ(back.birthday.batch_size, 12);
  EXPECT_FALSE(back.logistic);
  EXPECT_EQ(back.d_real_hist.counts, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(std::isnan(back.pixel_fake));  // written as null
}

TEST(HealthRecord, OlderAndForeignLines) {
  HealthRecord r;
  EXPECT_TRUE(parseHealthLine(R"({"step": 10, "health": 1, "pixel_ratio": 0.9})", r));
  EXPECT_DOUBLE_EQ(r.pixel_ratio, 0.9);
  EXPECT_TRUE(r.duplicate_groups.empty());
  EXPECT_FALSE(parseHealthLine(R"({"step": 10, "g_loss": 1, "d_loss": 1})", r));  // a metrics line
  EXPECT_FALSE(parseHealthLine(R"({"step": 10, "health": 1, "pixel_r)", r));     // torn
  EXPECT_FALSE(parseHealthLine("", r));
}

}  // namespace
}  // namespace gs

TEST(AlarmRecord, JsonLineRoundTripAndForeignLines) {
  gs::Alarm a;
  a.kind = gs::AlarmKind::DiscriminatorWins;
  a.step = 1250;
  a.message = "D(G(z)) stayed below 0.05 for 20 measurements \"quoted\"";
  a.remedies = {"lower-lr-d", "spectral-norm"};
  gs::Alarm back;
  ASSERT_TRUE(gs::parseAlarmLine(gs::alarmLine(a), back));
  EXPECT_EQ(back.kind, a.kind);
  EXPECT_EQ(back.step, a.step);
  EXPECT_EQ(back.message, a.message);
  EXPECT_EQ(back.remedies, a.remedies);

  gs::Alarm untouched;
  untouched.step = -3;
  EXPECT_FALSE(gs::parseAlarmLine(R"({"step": 5, "alarm": "gremlins"})", untouched));  // unknown kind
  EXPECT_FALSE(gs::parseAlarmLine(R"({"step": 5, "g_loss": 1.0})", untouched));        // a metrics line
  EXPECT_FALSE(gs::parseAlarmLine(R"({"step": 5, "alarm": "oscilla)", untouched));     // torn line
  EXPECT_EQ(untouched.step, -3);
}

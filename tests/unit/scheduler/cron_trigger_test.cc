// The cron trigger against fire times computed by APScheduler itself
// (generate_cron_cases.py writes data/cron_cases.tsv), plus its error messages.
#include "freezer_scheduler/schedule/cron_trigger.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>

#include "freezer_scheduler/schedule/schedule_error.h"

namespace freezer::scheduler {
namespace {

Instant cron_at(const std::string& iso) { return *parse_iso_datetime(iso); }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) out.push_back(item);
  return out;
}

struct CronCase {
  std::string fields_json, start, end, now, expected;
};

std::vector<CronCase> load_cases() {
  std::ifstream in(std::string(FREEZER_SOURCE_DIR) + "/tests/unit/scheduler/data/cron_cases.tsv");
  std::vector<CronCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    auto cols = split(line, '\t');
    if (cols.size() == 5) cases.push_back({cols[0], cols[1], cols[2], cols[3], cols[4]});
  }
  return cases;
}

TEST(CronTrigger, MatchesApschedulerOnEveryRecordedCase) {
  auto cases = load_cases();
  ASSERT_GE(cases.size(), 40u);
  for (const auto& c : cases) {
    rapidjson::Document doc;
    doc.Parse(c.fields_json.c_str());
    std::map<std::string, std::string> fields;
    for (const auto& m : doc.GetObject()) fields[m.name.GetString()] = m.value.GetString();
    std::optional<Instant> start, end;
    if (c.start != "-") start = cron_at(c.start);
    if (c.end != "-") end = cron_at(c.end);
    CronTrigger trigger(fields, start, end);
    TimePoint now = cron_at(c.now);
    std::optional<Instant> previous;
    std::vector<std::string> fires;
    for (int i = 0; i < 6; ++i) {
      auto next = trigger.next_fire(previous, now);
      if (!next) break;
      auto text = format_iso_datetime(*next);
      fires.push_back(text.substr(0, text.size() - 1));  // without the Z
      previous = next;
      now = *next;
    }
    std::string joined;
    for (const auto& f : fires) joined += (joined.empty() ? "" : ",") + f;
    EXPECT_EQ(joined.empty() ? "none" : joined, c.expected) << c.fields_json << " now " << c.now;
  }
}

TEST(CronTrigger, LessSignificantFieldsDefaultToTheirMinimum) {
  CronTrigger daily({{"hour", "3"}}, std::nullopt, std::nullopt);
  EXPECT_EQ(daily.next_fire(std::nullopt, cron_at("2026-05-05T03:00:01")),
            cron_at("2026-05-06T03:00:00"));
  CronTrigger hourly({{"minute", "25"}}, std::nullopt, std::nullopt);
  EXPECT_EQ(hourly.next_fire(std::nullopt, cron_at("2026-05-05T03:25:00")),
            cron_at("2026-05-05T03:25:00"));
}

TEST(CronTrigger, ThirtyFirstSkipsShortMonths) {
  CronTrigger t({{"day", "31"}}, std::nullopt, std::nullopt);
  EXPECT_EQ(t.next_fire(std::nullopt, cron_at("2026-04-01T00:00:00")),
            cron_at("2026-05-31T00:00:00"));
  EXPECT_EQ(t.next_fire(cron_at("2026-05-31T00:00:00"), cron_at("2026-05-31T00:00:00")),
            cron_at("2026-07-31T00:00:00"));
}

TEST(CronTrigger, FebruaryTwentyNinthOnlyInLeapYears) {
  CronTrigger t({{"month", "feb"}, {"day", "29"}}, std::nullopt, std::nullopt);
  EXPECT_EQ(t.next_fire(std::nullopt, cron_at("2028-03-01T00:00:00")),
            cron_at("2032-02-29T00:00:00"));
  EXPECT_EQ(t.next_fire(std::nullopt, cron_at("2100-01-01T00:00:00")),
            cron_at("2104-02-29T00:00:00"));
}

// Found by the cron fuzz target: fire times after 2262 overflowed the nanosecond clock.
TEST(CronTrigger, YearsBeyondTheClocksRangeStillWork) {
  CronTrigger t({{"year", "2830"}, {"day", "2nd sun"}}, std::nullopt, std::nullopt);
  auto first = t.next_fire(std::nullopt, cron_at("2026-11-28T00:00:00"));
  EXPECT_EQ(first, cron_at("2830-01-13T00:00:00"));  // the second Sunday, as Python's calendar says
  // As APScheduler: a previous fire time later than now does not move the next one.
  EXPECT_EQ(t.next_fire(first, cron_at("2026-11-28T00:00:00")), first);
  CronTrigger from({{"year", "2830-2831"}, {"month", "2"}, {"day", "2nd sun"}},
                   cron_at("2830-01-14T00:00:00"), std::nullopt);
  EXPECT_EQ(from.next_fire(std::nullopt, cron_at("2026-11-28T00:00:00")),
            cron_at("2830-02-10T00:00:00"));
}

TEST(CronTrigger, NamesAreCaseInsensitive) {
  CronTrigger t({{"day_of_week", "MON-Wed"}, {"month", "Dec"}}, std::nullopt, std::nullopt);
  EXPECT_EQ(t.next_fire(std::nullopt, cron_at("2026-01-30T00:00:00")),
            cron_at("2026-12-01T00:00:00"));
}

TEST(CronTrigger, NoFireTimeAfterTheEndDate) {
  CronTrigger t({{"hour", "3"}}, std::nullopt, cron_at("2026-01-01T02:00:00"));
  EXPECT_EQ(t.next_fire(std::nullopt, cron_at("2026-01-01T00:00:00")), std::nullopt);
}

TEST(CronTrigger, StartDateInTheFutureIsTheEarliestFireTime) {
  CronTrigger t({{"minute", "*/10"}}, cron_at("2026-06-01T12:05:00"), std::nullopt);
  EXPECT_EQ(t.next_fire(std::nullopt, cron_at("2026-01-01T00:00:00")),
            cron_at("2026-06-01T12:10:00"));
}

void expect_error(const std::map<std::string, std::string>& fields, const std::string& field,
                  const std::string& fragment) {
  try {
    CronTrigger t(fields, std::nullopt, std::nullopt);
    ADD_FAILURE() << "no error for " << field << " (expected: " << fragment << ")";
  } catch (const ScheduleError& e) {
    EXPECT_EQ(e.field(), field);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(CronTrigger, MalformedFieldsNameTheFieldAndTheProblem) {
  expect_error({{"hour", "25"}}, "schedule_hour", "higher than the maximum value (23)");
  expect_error({{"minute", "*/0"}}, "schedule_minute", "increment must be higher than 0");
  expect_error({{"minute", "*/61"}}, "schedule_minute", "the step value (61)");
  expect_error({{"day", "first mon"}}, "schedule_day", "unrecognized expression");
  expect_error({{"day", "2nd funday"}}, "schedule_day", "invalid weekday name");
  expect_error({{"month", "janvier"}}, "schedule_month", "invalid month name");
  expect_error({{"day_of_week", "fri-mon"}}, "schedule_day_of_week", "must not be higher");
  expect_error({{"second", "abc"}}, "schedule_second", "unrecognized expression");
  expect_error({{"day", "0"}}, "schedule_day", "lower than the minimum value (1)");
  expect_error({{"week", "54"}}, "schedule_week", "higher than the maximum value (53)");
}

}  // namespace
}  // namespace freezer::scheduler

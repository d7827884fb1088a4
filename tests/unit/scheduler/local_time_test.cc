// Schedules on hosts whose local zone is not UTC, across daylight-saving changes, against fire
// times computed by APScheduler itself in those zones (generate_local_time_cases.py writes
// data/local_time_cases.tsv), built from job_schedule documents as the scheduler builds them.
#include "freezer_scheduler/schedule/local_time.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "freezer_scheduler/schedule/job_schedule.h"

namespace freezer::scheduler {
namespace {

std::vector<std::string> tab_columns(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, '\t')) out.push_back(item);
  return out;
}

// The process's zone for the length of a test; UTC again afterwards.
class InZone {
 public:
  explicit InZone(const std::string& zone) {
    setenv("TZ", zone.c_str(), 1);
    reload_local_zone();
  }
  ~InZone() {
    setenv("TZ", "UTC", 1);
    reload_local_zone();
  }
  InZone(const InZone&) = delete;
  InZone& operator=(const InZone&) = delete;
};

Instant utc(const std::string& iso) { return *parse_iso_datetime(iso + "Z"); }

std::string fire_times(const rapidjson::Value& schedule, const std::string& now_text) {
  TimePoint now = utc(now_text);
  auto trigger = trigger_for_schedule(schedule, now);
  std::optional<Instant> previous;
  std::string joined;
  for (int i = 0; i < 6; ++i) {
    auto next = next_fire_time(trigger, previous, now);
    if (!next) break;
    auto text = format_iso_datetime(*next);
    joined += (joined.empty() ? "" : ",") + text.substr(0, text.size() - 1);
    previous = next;
    now = *next;
  }
  return joined.empty() ? "none" : joined;
}

TEST(LocalTimeSchedules, MatchApschedulerInOtherZonesAcrossDaylightSavingChanges) {
  std::ifstream in(std::string(FREEZER_SOURCE_DIR) +
                   "/tests/unit/scheduler/data/local_time_cases.tsv");
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    auto cols = tab_columns(line);
    ASSERT_EQ(cols.size(), 4u) << line;
    InZone zone(cols[0]);
    rapidjson::Document schedule;
    schedule.Parse(cols[1].c_str());
    EXPECT_EQ(fire_times(schedule, cols[2]), cols[3])
        << cols[0] << " " << cols[1] << " now " << cols[2];
    ++cases;
  }
  EXPECT_GE(cases, 25);
}

TEST(LocalTimeSchedules, WallTimesSkippedOrRepeatedTakeTheOffsetBeforeTheChange) {
  InZone zone("Europe/Berlin");
  // 02:30 does not exist on 2026-03-29: read as 02:30+01:00.
  EXPECT_EQ(from_local({2026, 3, 29, 2, 30, 0}), utc("2026-03-29T01:30:00"));
  // 02:30 happens twice on 2026-10-25: the first time (+02:00).
  EXPECT_EQ(from_local({2026, 10, 25, 2, 30, 0}), utc("2026-10-25T00:30:00"));
  EXPECT_EQ(to_local(utc("2026-10-25T01:30:00")), (CivilTime{2026, 10, 25, 2, 30, 0}));
  EXPECT_EQ(from_local({2026, 7, 1, 12, 0, 0}), utc("2026-07-01T10:00:00"));
  EXPECT_EQ(from_local({2026, 1, 1, 12, 0, 0}), utc("2026-01-01T11:00:00"));
}

TEST(LocalTimeSchedules, DatesWithoutAnOffsetAreLocalAndOffsetsAreHonoured) {
  InZone zone("America/New_York");
  EXPECT_EQ(parse_schedule_datetime("2026-07-04T09:00:00"), utc("2026-07-04T13:00:00"));
  EXPECT_EQ(parse_schedule_datetime("2026-07-04T09:00:00.250"), utc("2026-07-04T13:00:00"));
  EXPECT_EQ(parse_schedule_datetime("2026-07-04T09:00:00Z"), utc("2026-07-04T09:00:00"));
  EXPECT_EQ(parse_schedule_datetime("2026-07-04T09:00:00-07:00"), utc("2026-07-04T16:00:00"));
  EXPECT_FALSE(parse_schedule_datetime("2026-07-04 nine"));
}

TEST(LocalTimeSchedules, OnAUtcHostLocalTimeIsUtc) {
  InZone zone("UTC");
  EXPECT_EQ(parse_schedule_datetime("2026-03-29T02:30:00"), utc("2026-03-29T02:30:00"));
  EXPECT_EQ(to_local(utc("2026-10-25T01:30:00")), (CivilTime{2026, 10, 25, 1, 30, 0}));
}

}  // namespace
}  // namespace freezer::scheduler

// job_schedule -> trigger, and what is due when: upstream's precedence and start/end rules,
// in UTC, with `now` passed in (no sleeping).
#include "freezer_scheduler/schedule/job_schedule.h"

#include <gtest/gtest.h>

#include "freezer_scheduler/schedule/schedule_error.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

Instant instant_at(const std::string& iso) { return *parse_iso_datetime(iso); }

rapidjson::Document schedule(const char* json) {
  rapidjson::Document d;
  d.Parse(json);
  return d;
}

Trigger trigger(const char* json, const std::string& now) {
  return trigger_for_schedule(schedule(json), instant_at(now));
}

std::optional<Instant> first(const Trigger& t, const std::string& now) {
  return next_fire_time(t, std::nullopt, instant_at(now));
}

std::string error_field(const char* json, const std::string& now = "2026-01-01T00:00:00") {
  try {
    trigger(json, now);
  } catch (const ScheduleError& e) {
    return e.field();
  }
  return "(no error)";
}

TEST(CivilTime, ParsesTheApiDateFormsInUtc) {
  EXPECT_EQ(parse_iso_datetime("2026-03-01T10:00:00"), instant_at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(parse_iso_datetime("2026-03-01T10:00:00.750"), instant_at("2026-03-01T10:00:00"));
  EXPECT_EQ(parse_iso_datetime("2026-03-01T12:00:00+02:00"), instant_at("2026-03-01T10:00:00"));
  EXPECT_EQ(parse_iso_datetime("2026-03-01T05:30:00-04:30"), instant_at("2026-03-01T10:00:00"));
  EXPECT_EQ(parse_iso_datetime("2026-02-29T00:00:00"), std::nullopt);  // not a leap year
  EXPECT_EQ(parse_iso_datetime("2028-02-29T00:00:00"), instant_at("2028-02-29T00:00:00Z"));
  EXPECT_EQ(parse_iso_datetime("2026-04-31T00:00:00"), std::nullopt);
  EXPECT_EQ(parse_iso_datetime("2026-03-01 10:00:00"), std::nullopt);
  EXPECT_EQ(parse_iso_datetime("2026-03-01T10:00:00+0200"), std::nullopt);
  EXPECT_EQ(parse_iso_datetime("2026-03-01T10:00:00Zjunk"), std::nullopt);
}

TEST(CivilTime, WeekdaysAndIsoWeeks) {
  EXPECT_EQ(weekday(CivilTime{2026, 11, 30}), 0);  // a Monday
  EXPECT_EQ(weekday(CivilTime{2026, 11, 29}), 6);
  EXPECT_EQ(iso_week(CivilTime{2026, 1, 1}), 1);
  EXPECT_EQ(iso_week(CivilTime{2026, 12, 31}), 53);  // 2026 has 53 ISO weeks
  EXPECT_EQ(iso_week(CivilTime{2027, 1, 3}), 53);
  EXPECT_EQ(iso_week(CivilTime{2027, 1, 4}), 1);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
}

TEST(JobSchedule, NothingMeansOnceInTwoSeconds) {
  auto t = trigger("{}", "2026-01-01T10:00:00");
  EXPECT_EQ(first(t, "2026-01-01T10:00:00"), instant_at("2026-01-01T10:00:02"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-01-01T10:00:02"), instant_at("2026-01-01T10:00:02")),
            std::nullopt);
}

TEST(JobSchedule, StatusFieldsAloneScheduleNothing) {
  auto t = trigger(R"({"status": "", "event": "start", "time_created": 1, "current_pid": 9})",
                   "2026-01-01T10:00:00");
  EXPECT_TRUE(std::holds_alternative<DateTrigger>(t));
}

TEST(JobSchedule, DateRunsOnceAtThatDate) {
  auto t = trigger(R"({"schedule_date": "2026-07-01T02:00:00+02:00"})", "2026-01-01T00:00:00");
  EXPECT_EQ(first(t, "2026-01-01T00:00:00"), instant_at("2026-07-01T00:00:00"));
}

TEST(JobSchedule, DateWinsOverIntervalAndCron) {
  auto t = trigger(R"({"schedule_date": "2026-07-01T00:00:00", "schedule_interval": "1 days",
                       "schedule_hour": "3"})",
                   "2026-01-01T00:00:00");
  EXPECT_TRUE(std::holds_alternative<DateTrigger>(t));
  auto u =
      trigger(R"({"schedule_interval": "1 days", "schedule_hour": "3"})", "2026-01-01T00:00:00");
  EXPECT_TRUE(std::holds_alternative<IntervalTrigger>(u));
}

TEST(JobSchedule, IntervalWithoutStartRunsOneIntervalLater) {
  auto t = trigger(R"({"schedule_interval": "2 hours"})", "2026-01-01T10:00:00");
  EXPECT_EQ(first(t, "2026-01-01T10:00:00"), instant_at("2026-01-01T12:00:00"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-01-01T12:00:00"), instant_at("2026-01-01T12:00:00")),
            instant_at("2026-01-01T14:00:00"));
}

TEST(JobSchedule, IntervalWithFutureStartBeginsThere) {
  auto t =
      trigger(R"({"schedule_interval": "1 weeks", "schedule_start_date": "2026-03-01T04:00:00"})",
              "2026-01-01T10:00:00");
  EXPECT_EQ(first(t, "2026-01-01T10:00:00"), instant_at("2026-03-01T04:00:00"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-03-01T04:00:00"), instant_at("2026-03-01T04:00:00")),
            instant_at("2026-03-08T04:00:00"));
}

TEST(JobSchedule, StartDateInThePastMeansInTwoSeconds) {
  auto t =
      trigger(R"({"schedule_interval": "1 days", "schedule_start_date": "2020-01-01T00:00:00"})",
              "2026-01-01T10:00:00");
  EXPECT_EQ(first(t, "2026-01-01T10:00:00"), instant_at("2026-01-01T10:00:02"));
}

TEST(JobSchedule, IntervalStopsAtTheEndDate) {
  auto t = trigger(R"({"schedule_interval": "1 days", "schedule_start_date": "2026-02-01T00:00:00",
                       "schedule_end_date": "2026-02-03T00:00:00"})",
                   "2026-01-01T00:00:00");
  EXPECT_EQ(next_fire_time(t, instant_at("2026-02-02T00:00:00"), instant_at("2026-02-02T00:00:00")),
            instant_at("2026-02-03T00:00:00"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-02-03T00:00:00"), instant_at("2026-02-03T00:00:00")),
            std::nullopt);
}

TEST(JobSchedule, EndDateWithoutStartDateStillEnds) {
  auto t = trigger(R"({"schedule_interval": "1 days", "schedule_end_date": "2026-01-02T12:00:00"})",
                   "2026-01-01T00:00:00");
  EXPECT_EQ(first(t, "2026-01-01T00:00:00"), instant_at("2026-01-02T00:00:00"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-01-02T00:00:00"), instant_at("2026-01-02T00:00:00")),
            std::nullopt);
}

TEST(JobSchedule, IntervalForms) {
  EXPECT_EQ(parse_schedule_interval("continuous"), 1s);
  EXPECT_EQ(parse_schedule_interval("5 seconds"), 5s);
  EXPECT_EQ(parse_schedule_interval("2  minutes"), 120s);  // the API allows several spaces
  EXPECT_EQ(parse_schedule_interval("3 hours"), 10800s);
  EXPECT_EQ(parse_schedule_interval("1 day"), 86400s);
  EXPECT_EQ(parse_schedule_interval("2 weeks"), 1209600s);
  EXPECT_EQ(parse_schedule_interval("0 minutes"), 1s);
  EXPECT_EQ(parse_schedule_interval("1 fortnight"), std::nullopt);
  EXPECT_EQ(parse_schedule_interval("days"), std::nullopt);
  EXPECT_EQ(parse_schedule_interval("-1 days"), std::nullopt);
  EXPECT_EQ(parse_schedule_interval("99999999999999999999 days"), std::nullopt);
}

TEST(JobSchedule, CronFieldsMayBeNumbers) {
  auto t = trigger(R"({"schedule_hour": 3, "schedule_minute": "30"})", "2026-01-01T10:00:00");
  EXPECT_EQ(first(t, "2026-01-01T10:00:00"), instant_at("2026-01-02T03:30:00"));
}

TEST(JobSchedule, CronHonoursStartAndEnd) {
  auto t = trigger(R"({"schedule_day": "last", "schedule_start_date": "2026-03-05T00:00:00",
                       "schedule_end_date": "2026-05-01T00:00:00"})",
                   "2026-01-01T00:00:00");
  EXPECT_EQ(first(t, "2026-01-01T00:00:00"), instant_at("2026-03-31T00:00:00"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-03-31T00:00:00"), instant_at("2026-03-31T00:00:00")),
            instant_at("2026-04-30T00:00:00"));
  EXPECT_EQ(next_fire_time(t, instant_at("2026-04-30T00:00:00"), instant_at("2026-04-30T00:00:00")),
            std::nullopt);
}

TEST(JobSchedule, ErrorsNameTheWrongField) {
  EXPECT_EQ(error_field(R"({"schedule_date": "tomorrow"})"), "schedule_date");
  EXPECT_EQ(error_field(R"({"schedule_interval": "2 fortnights"})"), "schedule_interval");
  EXPECT_EQ(error_field(
                R"({"schedule_interval": "1 days", "schedule_start_date": "2026-13-01T00:00:00"})"),
            "schedule_start_date");
  EXPECT_EQ(
      error_field(R"({"schedule_interval": "1 days", "schedule_start_date": "2026-03-01T00:00:00",
                            "schedule_end_date": "2026-02-01T00:00:00"})"),
      "schedule_end_date");
  EXPECT_EQ(error_field(R"({"schedule_minute": "61"})"), "schedule_minute");
  EXPECT_EQ(error_field(R"({"schedule_day_of_week": "someday"})"), "schedule_day_of_week");
  EXPECT_EQ(error_field(R"({"schedule_hour": {"at": 3}})"), "schedule_hour");
}

TEST(DueRun, NothingIsDueBeforeTheFireTime) {
  auto t = trigger(R"({"schedule_interval": "1 minutes"})", "2026-01-01T00:00:00");
  EXPECT_FALSE(due_run(t, instant_at("2026-01-01T00:01:00"), instant_at("2026-01-01T00:00:59")));
}

TEST(DueRun, MissedIntervalFireTimesAreCoalescedIntoOne) {
  auto t = trigger(R"({"schedule_interval": "1 minutes"})", "2026-01-01T00:00:00");
  auto due = due_run(t, instant_at("2026-01-01T00:01:00"), instant_at("2026-01-01T00:10:30"));
  ASSERT_TRUE(due);
  EXPECT_EQ(due->fire_time, instant_at("2026-01-01T00:10:00"));
  EXPECT_EQ(due->next, instant_at("2026-01-01T00:11:00"));
  EXPECT_FALSE(due->missed_by);
}

TEST(DueRun, AContinuousJobAfterALongPauseRunsOnceWithoutWalkingEverySecond) {
  auto t = trigger(R"({"schedule_interval": "continuous"})", "2026-01-01T00:00:00");
  auto due = due_run(t, instant_at("2026-01-01T00:00:01"), instant_at("2027-01-01T00:00:00"));
  ASSERT_TRUE(due);
  EXPECT_EQ(due->fire_time, instant_at("2027-01-01T00:00:00"));
  EXPECT_EQ(due->next, instant_at("2027-01-01T00:00:01"));
}

TEST(DueRun, CronFireTimesAreCoalescedToo) {
  auto t = trigger(R"({"schedule_minute": "*/5"})", "2026-01-01T00:00:00");
  auto due = due_run(t, instant_at("2026-01-01T00:05:00"), instant_at("2026-01-01T00:17:00"));
  ASSERT_TRUE(due);
  EXPECT_EQ(due->fire_time, instant_at("2026-01-01T00:15:00"));
  EXPECT_EQ(due->next, instant_at("2026-01-01T00:20:00"));
}

TEST(DueRun, AFireTimeMoreThanAnHourLateIsMissed) {
  auto t = trigger(R"({"schedule_date": "2026-01-01T00:00:00"})", "2025-12-31T00:00:00");
  auto late = due_run(t, instant_at("2026-01-01T00:00:00"), instant_at("2026-01-01T01:00:01"));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->missed_by, 3601s);
  EXPECT_EQ(late->next, std::nullopt);
  auto in_grace = due_run(t, instant_at("2026-01-01T00:00:00"), instant_at("2026-01-01T01:00:00"));
  ASSERT_TRUE(in_grace);
  EXPECT_FALSE(in_grace->missed_by);
}

}  // namespace
}  // namespace freezer::scheduler

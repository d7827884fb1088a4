#pragma once
// APScheduler 3's cron trigger, which upstream freezer-scheduler feeds the job_schedule's
// schedule_{year,month,day,week,day_of_week,hour,minute,second} strings, reproduced on the host's
// local wall clock (local_time.h).
//
// Field grammar (comma-separated list of):
//   *          every value          */n      every n-th value from the field's minimum
//   a          one value            a-b      a range        a-b/n, a/n   a stepped range
//   jan..dec   month names (month)  mon..sun weekday names (day_of_week; 0 = Monday)
//   last       last day of month    "1st|2nd|3rd|4th|5th|last <weekday>"  (day)
// Fields less significant than the least significant field given default to their minimum
// (month 1, day 1, hour 0, minute 0, second 0); other omitted fields are `*`; week and
// day_of_week default to `*`.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "freezer_scheduler/schedule/civil_time.h"

namespace freezer::scheduler {

enum class CronFieldId { year, month, day, week, day_of_week, hour, minute, second };
inline constexpr std::array<const char*, 8> kCronFieldNames{
    "year", "month", "day", "week", "day_of_week", "hour", "minute", "second"};

struct CronExpression {
  enum class Kind { all, range, weekday_position, last_day_of_month };
  Kind kind = Kind::all;
  int first = 0;
  std::optional<int> last;  // range end; none = the field's maximum (with a step) or `first`
  int step = 0;             // 0: no step
  int position = 0;         // weekday_position: 0..4 = 1st..5th, 5 = last
  int weekday = 0;          // weekday_position: 0 = Monday
};

struct CronField {
  CronFieldId id;
  std::vector<CronExpression> expressions;
  bool is_default = false;
};

class CronTrigger {
 public:
  // `fields`: field name (without "schedule_") -> expression. Throws ScheduleError naming
  // `schedule_<field>` for an unknown or malformed expression.
  CronTrigger(const std::map<std::string, std::string>& fields, std::optional<Instant> start,
              std::optional<Instant> end);

  // The first fire time after `previous` (or, for the first run, at or after max(now,
  // start)); nullopt when none is left before the end date.
  std::optional<Instant> next_fire(std::optional<Instant> previous, TimePoint now) const;

  // "minute='*/5', hour='3'"-style description of the fields given.
  std::string describe() const;
  std::optional<Instant> start() const { return start_; }
  std::optional<Instant> end() const { return end_; }

 private:
  std::optional<int> next_value(const CronField& field, const CivilTime& date) const;
  CivilTime set_field(const CivilTime& date, int field_index, int value) const;
  std::pair<CivilTime, int> increment_field(const CivilTime& date, int field_index) const;

  std::vector<CronField> fields_;
  std::optional<Instant> start_;
  std::optional<Instant> end_;
};

}  // namespace freezer::scheduler

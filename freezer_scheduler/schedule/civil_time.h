#pragma once
// UTC calendar arithmetic for the schedule maths: civil date-times (proleptic Gregorian, as
// Python's datetime), weekday (0 = Monday, as APScheduler), ISO week numbers, and the API's
// ISO 8601 dates. Schedules are computed in the host's local time on top of these (local_time.h).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace freezer::scheduler {

// A UTC instant in whole seconds: schedules fire on second boundaries.
using Instant = std::chrono::sys_seconds;
using TimePoint = std::chrono::system_clock::time_point;

struct CivilTime {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  auto operator<=>(const CivilTime&) const = default;
};

CivilTime to_civil(Instant t);
// `c` must be a valid date (see is_valid).
Instant from_civil(const CivilTime& c);
bool is_valid(const CivilTime& c);
int days_in_month(int year, int month);
// 0 = Monday ... 6 = Sunday.
int weekday(const CivilTime& c);
// Weekday of the first day of the month (0 = Monday), as Python's calendar.monthrange.
int first_weekday_of_month(int year, int month);
// ISO 8601 week number, 1..53.
int iso_week(const CivilTime& c);

// "YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]". Without an offset the time is UTC.
// A fraction is dropped (schedules have whole seconds). nullopt when malformed or invalid.
std::optional<Instant> parse_iso_datetime(std::string_view text);
// "YYYY-MM-DDThh:mm:ssZ".
std::string format_iso_datetime(Instant t);
// The first whole second at or after `t` (APScheduler's datetime_ceil).
Instant ceil_to_second(TimePoint t);
// `t` as a clock time point. The clock counts nanoseconds and ends in 2262, while schedules
// may name years up to 9999: later instants saturate a day before the clock's end instead
// of overflowing.
TimePoint to_time_point(Instant t);

}  // namespace freezer::scheduler

#include "freezer_scheduler/schedule/local_time.h"

#include <atomic>
#include <ctime>

namespace freezer::scheduler {
namespace {

using std::chrono::seconds;

long utc_offset_at(Instant t) {
  const auto when = static_cast<std::time_t>(t.time_since_epoch().count());
  std::tm local{};
  localtime_r(&when, &local);
  return local.tm_gmtoff;
}

// UTC (or a zone that never leaves offset 0) skips the zone database altogether: a central
// scheduler computes schedules for a million jobs, and glibc's localtime_r takes a lock.
// -1: not looked at yet, 0: a zone with offsets, 1: UTC.
std::atomic<int> g_zone_is_utc{-1};

bool local_zone_is_utc() {
  if (g_zone_is_utc.load(std::memory_order_relaxed) < 0) reload_local_zone();
  return g_zone_is_utc.load(std::memory_order_relaxed) == 1;
}

}  // namespace

void reload_local_zone() {
  tzset();
  // Offsets over two years from now: any daylight-saving time or non-zero offset shows.
  bool utc = true;
  const auto now = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  for (int day = 0; day < 730 && utc; day += 15)
    utc = utc_offset_at(now + seconds(day * 86400LL)) == 0;
  g_zone_is_utc.store(utc ? 1 : 0, std::memory_order_relaxed);
}

CivilTime to_local(Instant t) {
  if (local_zone_is_utc()) return to_civil(t);
  return to_civil(t + seconds(utc_offset_at(t)));
}

Instant from_local(const CivilTime& wall) {
  if (local_zone_is_utc()) return from_civil(wall);
  // The offsets a day before and after: zones change offset at most once in two days.
  const Instant as_utc = from_civil(wall);
  const long before = utc_offset_at(as_utc - seconds(86400));
  const long after = utc_offset_at(as_utc + seconds(86400));
  const Instant with_before = as_utc - seconds(before);
  if (to_local(with_before) == wall) return with_before;  // usual, or the first of two
  const Instant with_after = as_utc - seconds(after);
  if (to_local(with_after) == wall) return with_after;
  return with_before;  // skipped by the clock: the offset before the change
}

CivilTime add_to_wall(const CivilTime& wall, seconds by) { return to_civil(from_civil(wall) + by); }

seconds wall_difference(const CivilTime& a, const CivilTime& b) {
  return from_civil(b) - from_civil(a);
}

std::optional<Instant> parse_schedule_datetime(std::string_view text) {
  auto instant = parse_iso_datetime(text);
  if (!instant) return std::nullopt;
  // parse_iso_datetime reads a time without an offset as UTC: read it again as local time.
  const bool has_offset =
      text.size() > 19 && (text.back() == 'Z' || text.back() == 'z' ||
                           text.find_first_of("+-", 19) != std::string_view::npos);
  if (has_offset) return instant;
  return from_local(to_civil(*instant));
}

}  // namespace freezer::scheduler

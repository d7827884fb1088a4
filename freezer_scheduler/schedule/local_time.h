#pragma once
// The host's local time, in which upstream's scheduler (APScheduler 3.9 with tzlocal: the
// zone TZ names, else /etc/localtime) computes every schedule: cron fields are wall-clock
// fields, intervals are added to the wall clock, and dates without an offset are local.
// A wall time that the clock skips (spring forward) or shows twice (fall back) is read with
// the UTC offset in force before the change, as APScheduler 3.9 localizes it. On a UTC host
// local time is UTC and nothing changes.
#include <optional>
#include <string_view>

#include "freezer_scheduler/schedule/civil_time.h"

namespace freezer::scheduler {

// The wall-clock time shown at `t`.
CivilTime to_local(Instant t);
// The instant of a wall-clock time (see above for skipped and repeated times).
Instant from_local(const CivilTime& wall);
// `wall` moved by `by` on the wall clock (calendar arithmetic, no zone).
CivilTime add_to_wall(const CivilTime& wall, std::chrono::seconds by);
// Seconds from wall time `a` to wall time `b` as the wall clock counts them.
std::chrono::seconds wall_difference(const CivilTime& a, const CivilTime& b);

// A schedule's date: "YYYY-MM-DDThh:mm:ss[.fraction]" is local time, with "Z" or an offset
// it is that instant. nullopt when malformed or invalid.
std::optional<Instant> parse_schedule_datetime(std::string_view text);

// Reads TZ and the zone database again (tests switch zones; the service reads them once).
void reload_local_zone();

}  // namespace freezer::scheduler

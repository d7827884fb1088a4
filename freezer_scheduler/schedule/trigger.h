#pragma once
// When a job runs: once at a date, every interval, or on cron fields (APScheduler's three
// triggers, as upstream uses them), computed in the host's local time (local_time.h) from a given
// `now` so that tests never sleep.
#include <chrono>
#include <optional>
#include <string>
#include <variant>

#include "freezer_scheduler/schedule/civil_time.h"
#include "freezer_scheduler/schedule/cron_trigger.h"

namespace freezer::scheduler {

struct DateTrigger {
  Instant run_date;
};

struct IntervalTrigger {
  std::chrono::seconds interval;
  Instant start;               // the first fire time
  std::optional<Instant> end;  // no fire time after this
};

using Trigger = std::variant<DateTrigger, IntervalTrigger, CronTrigger>;

// The next fire time after `previous` (none: the first one); nullopt when the trigger has no
// fire time left.
std::optional<Instant> next_fire_time(const Trigger& trigger, std::optional<Instant> previous,
                                      TimePoint now);

// For the "scheduler job with parameters" log line.
std::string describe(const Trigger& trigger);

// A fire time later than this behind `now` is missed rather than run (APScheduler's
// misfire_grace_time as upstream configures it).
inline constexpr std::chrono::seconds kMisfireGrace{3600};

// What is due at `now`, given the stored next fire time: fire times are coalesced into the
// latest one that is due; `missed_by` is set when even that one is beyond the grace time.
struct DueRun {
  Instant fire_time;  // the coalesced fire time
  std::optional<std::chrono::seconds> missed_by;
  std::optional<Instant> next;  // the fire time after it
};
std::optional<DueRun> due_run(const Trigger& trigger, std::optional<Instant> next_fire,
                              TimePoint now);

}  // namespace freezer::scheduler

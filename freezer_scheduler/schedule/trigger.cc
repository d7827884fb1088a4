#include "freezer_scheduler/schedule/trigger.h"

#include "freezer_scheduler/schedule/local_time.h"

namespace freezer::scheduler {
namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
// Needed by clang 14 (the sanitizer build), which lacks C++20's aggregate deduction.
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

std::string interval_text(std::chrono::seconds s) {
  auto n = s.count();
  if (n % 604800 == 0) return std::to_string(n / 604800) + " weeks";
  if (n % 86400 == 0) return std::to_string(n / 86400) + " days";
  if (n % 3600 == 0) return std::to_string(n / 3600) + " hours";
  if (n % 60 == 0) return std::to_string(n / 60) + " minutes";
  return std::to_string(n) + " seconds";
}

}  // namespace

std::optional<Instant> next_fire_time(const Trigger& trigger, std::optional<Instant> previous,
                                      TimePoint now) {
  return std::visit(
      overloaded{
          [&](const DateTrigger& t) -> std::optional<Instant> {
            if (previous) return std::nullopt;
            return t.run_date;
          },
          [&](const IntervalTrigger& t) -> std::optional<Instant> {
            // Intervals are added to the wall clock (a day stays 22:00 across a change to
            // summer time), as APScheduler adds them to local times.
            Instant next;
            if (previous) {
              next = from_local(add_to_wall(to_local(*previous), t.interval));
            } else if (to_time_point(t.start) > now) {
              next = t.start;
            } else {
              // The first fire time at or after now on the interval grid from start.
              const auto now_second = std::chrono::floor<std::chrono::seconds>(now);
              const auto start_wall = to_local(t.start);
              auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                  wall_difference(start_wall, to_local(now_second)) + (now - now_second));
              auto step = std::chrono::duration_cast<std::chrono::microseconds>(t.interval);
              auto count = (elapsed.count() + step.count() - 1) / step.count();
              next = from_local(add_to_wall(start_wall, t.interval * count));
            }
            if (t.end && next > *t.end) return std::nullopt;
            return next;
          },
          [&](const CronTrigger& t) { return t.next_fire(previous, now); },
      },
      trigger);
}

std::string describe(const Trigger& trigger) {
  return std::visit(
      overloaded{
          [](const DateTrigger& t) { return "date[" + format_iso_datetime(t.run_date) + "]"; },
          [](const IntervalTrigger& t) {
            std::string out =
                "interval[" + interval_text(t.interval) + ", start " + format_iso_datetime(t.start);
            if (t.end) out += ", end " + format_iso_datetime(*t.end);
            return out + "]";
          },
          [](const CronTrigger& t) {
            std::string out = t.describe();
            if (t.end()) out += " until " + format_iso_datetime(*t.end());
            return out;
          },
      },
      trigger);
}

std::optional<DueRun> due_run(const Trigger& trigger, std::optional<Instant> next_fire,
                              TimePoint now) {
  if (!next_fire || to_time_point(*next_fire) > now) return std::nullopt;
  DueRun run{*next_fire, std::nullopt, std::nullopt};
  if (const auto* interval = std::get_if<IntervalTrigger>(&trigger)) {
    // Jump straight to the last due point of the grid (a 1 s interval after a long pause).
    auto limit = std::chrono::floor<std::chrono::seconds>(now);
    if (interval->end && *interval->end < limit) limit = *interval->end;
    if (limit > run.fire_time) {
      const auto fire_wall = to_local(run.fire_time);
      const auto steps = wall_difference(fire_wall, to_local(limit)) / interval->interval;
      if (steps > 0) run.fire_time = from_local(add_to_wall(fire_wall, interval->interval * steps));
    }
  }
  // Coalesce: walk the fire times that are already due to the latest of them.
  auto next = next_fire_time(trigger, run.fire_time, now);
  while (next && to_time_point(*next) <= now) {
    run.fire_time = *next;
    next = next_fire_time(trigger, run.fire_time, now);
  }
  run.next = next;
  auto late = std::chrono::duration_cast<std::chrono::seconds>(now - to_time_point(run.fire_time));
  if (late > kMisfireGrace) run.missed_by = late;
  return run;
}

}  // namespace freezer::scheduler

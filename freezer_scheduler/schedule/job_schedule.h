#pragma once
// A job's trigger from its job_schedule document, with upstream's precedence:
// schedule_date, then schedule_interval, then the cron fields, else once, 2 s from now.
// schedule_start_date (a past one means "in 2 s") and schedule_end_date bound interval and
// cron triggers. Dates without an offset are the host's local time.
#include <rapidjson/document.h>

#include "freezer_scheduler/schedule/trigger.h"

namespace freezer::scheduler {

// Throws ScheduleError naming the field that is wrong.
Trigger trigger_for_schedule(const rapidjson::Value& job_schedule, TimePoint now);

// "continuous" or "<N> <unit>" (weeks, days, hours, minutes, seconds; singular accepted).
// nullopt when malformed.
std::optional<std::chrono::seconds> parse_schedule_interval(const std::string& text);

}  // namespace freezer::scheduler

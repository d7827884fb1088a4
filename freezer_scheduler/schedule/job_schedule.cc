#include "freezer_scheduler/schedule/job_schedule.h"

#include <charconv>
#include <map>

#include "freezer_scheduler/schedule/local_time.h"
#include "freezer_scheduler/schedule/schedule_error.h"

namespace freezer::scheduler {
namespace {

using std::chrono::seconds;

constexpr seconds kSoon{2};  // "now" for upstream: the job starts in 2 s

// A field's text: strings as they are, integers written out (cron fields given as numbers);
// absent, null and "" are absent.
std::optional<std::string> text_field(const rapidjson::Value& schedule, const std::string& key) {
  auto it = schedule.FindMember(key.c_str());
  if (it == schedule.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (it->value.IsString()) {
    std::string text(it->value.GetString(), it->value.GetStringLength());
    if (text.empty()) return std::nullopt;
    return text;
  }
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  throw ScheduleError(key, "must be a string");
}

Instant date_field(const std::string& key, const std::string& text) {
  auto when = parse_schedule_datetime(text);
  if (!when)
    throw ScheduleError(key, "'" + text +
                                 "' is not a date (YYYY-MM-DDThh:mm:ss, the host's local time "
                                 "unless Z or an offset such as +02:00 is given)");
  return *when;
}

}  // namespace

std::optional<seconds> parse_schedule_interval(const std::string& text) {
  if (text == "continuous") return seconds(1);
  auto space = text.find(' ');
  if (space == std::string::npos || space == 0) return std::nullopt;
  long long count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + space, count);
  if (ec != std::errc() || end != text.data() + space || count < 0) return std::nullopt;
  auto unit_begin = text.find_first_not_of(' ', space);
  if (unit_begin == std::string::npos) return std::nullopt;
  std::string unit = text.substr(unit_begin);
  static const std::map<std::string, long long> kUnits{
      {"weeks", 604800}, {"week", 604800}, {"days", 86400}, {"day", 86400}, {"hours", 3600},
      {"hour", 3600},    {"minutes", 60},  {"minute", 60},  {"seconds", 1}, {"second", 1}};
  auto u = kUnits.find(unit);
  if (u == kUnits.end()) return std::nullopt;
  // Beyond a century is not a schedule; it also keeps the arithmetic far from overflow.
  if (count > 100LL * 366 * 86400 / u->second) return std::nullopt;
  if (count == 0) return seconds(1);  // as APScheduler: a zero interval is one second
  return seconds(count * u->second);
}

Trigger trigger_for_schedule(const rapidjson::Value& schedule, TimePoint now) {
  if (!schedule.IsObject()) throw ScheduleError("job_schedule", "must be an object");
  Instant soon = ceil_to_second(now) + kSoon;

  std::optional<Instant> start, end;
  if (auto text = text_field(schedule, "schedule_start_date")) {
    Instant given = date_field("schedule_start_date", *text);
    start = to_time_point(given) > now ? given : soon;
    if (auto end_text = text_field(schedule, "schedule_end_date")) {
      end = date_field("schedule_end_date", *end_text);
      if (*end < given)
        throw ScheduleError("schedule_end_date",
                            "'" + *end_text + "' is before schedule_start_date");
    }
  } else if (auto end_text = text_field(schedule, "schedule_end_date")) {
    end = date_field("schedule_end_date", *end_text);
  }

  if (auto text = text_field(schedule, "schedule_date"))
    return DateTrigger{date_field("schedule_date", *text)};

  if (auto text = text_field(schedule, "schedule_interval")) {
    auto interval = parse_schedule_interval(*text);
    if (!interval)
      throw ScheduleError(
          "schedule_interval",
          "'" + *text + "' is not 'continuous' or '<N> weeks|days|hours|minutes|seconds'");
    // Without a start date the first run is one interval away (upstream's behaviour).
    return IntervalTrigger{*interval, start.value_or(ceil_to_second(now) + *interval), end};
  }

  std::map<std::string, std::string> cron;
  for (const char* name : kCronFieldNames)
    if (auto text = text_field(schedule, std::string("schedule_") + name)) cron[name] = *text;
  if (!cron.empty()) return CronTrigger(cron, start, end);

  return DateTrigger{soon};
}

}  // namespace freezer::scheduler

// The scheduler's cron fields (APScheduler's grammar): "field=expression" lines, then the
// next fire times.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "freezer_scheduler/schedule/cron_trigger.h"
#include "freezer_scheduler/schedule/schedule_error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(bytes), size);
  std::map<std::string, std::string> fields;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    auto equals = line.find('=');
    if (equals != std::string_view::npos)
      fields[std::string(line.substr(0, equals))] = std::string(line.substr(equals + 1));
  }
  try {
    freezer::scheduler::CronTrigger trigger(fields, std::nullopt, std::nullopt);
    auto now = freezer::scheduler::TimePoint{};
    std::optional<freezer::scheduler::Instant> previous;
    for (int i = 0; i < 3; ++i) {
      previous = trigger.next_fire(previous, now);
      if (!previous) break;
    }
    (void)trigger.describe();
  } catch (const freezer::scheduler::ScheduleError&) {
  }
  return 0;
}

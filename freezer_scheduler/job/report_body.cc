#include "freezer_scheduler/job/report_body.h"

#include <array>

#include "common/json.h"

namespace freezer::scheduler {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

void put(rapidjson::Value& obj, const char* key, rapidjson::Value value, Allocator& a) {
  if (auto it = obj.FindMember(key); it != obj.MemberEnd()) {
    it->value = value;
  } else {
    obj.AddMember(rapidjson::StringRef(key), value, a);
  }
}

template <typename Word>
void put_word(rapidjson::Value& obj, const char* key, const std::optional<Word>& v, Allocator& a) {
  if (!v) return;
  auto text = wire_name(*v);
  put(obj, key, rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), a), a);
}

void put_int(rapidjson::Value& obj, const char* key, const std::optional<long long>& v,
             Allocator& a) {
  if (v) put(obj, key, rapidjson::Value(static_cast<int64_t>(*v)), a);
}

}  // namespace

// Indexed by the enums' values, in their declaration order (job/run_result.h).
constexpr std::array<std::string_view, 4> kRunResults{"", "success", "fail", "aborted"};
constexpr std::array<std::string_view, 5> kJobStatuses{"stop", "scheduled", "running", "aborting",
                                                       "completed"};

std::string_view wire_name(RunResult result) {
  return kRunResults.at(static_cast<std::size_t>(result));
}

std::string_view wire_name(JobStatus status) {
  return kJobStatuses.at(static_cast<std::size_t>(status));
}

std::optional<std::string> report_patch_body(const rapidjson::Value& server_schedule,
                                             long long server_session_tag,
                                             const JobReport& report) {
  rapidjson::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  rapidjson::Value schedule(rapidjson::kObjectType);
  if (server_schedule.IsObject()) schedule.CopyFrom(server_schedule, a);
  put_word(schedule, "status", report.status, a);
  put_word(schedule, "result", report.result, a);
  put_int(schedule, "time_started", report.time_started, a);
  put_int(schedule, "time_ended", report.time_ended, a);
  put_int(schedule, "current_pid", report.current_pid, a);
  if (!report.consumed_event.empty())
    if (auto event = schedule.FindMember("event");
        event != schedule.MemberEnd() && event->value.IsString() &&
        report.consumed_event == event->value.GetString())
      event->value.SetString("", 0);

  bool tag_changes = report.session_tag && *report.session_tag != server_session_tag;
  if (server_schedule.IsObject() && !tag_changes && common::python_equal(schedule, server_schedule))
    return std::nullopt;
  body.AddMember("job_schedule", schedule, a);
  if (report.session_tag)
    body.AddMember("session_tag", rapidjson::Value(int64_t(*report.session_tag)), a);
  return common::to_json(body);
}

}  // namespace freezer::scheduler

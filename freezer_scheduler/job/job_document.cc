#include "freezer_scheduler/job/job_document.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <functional>

#include "common/json.h"

namespace freezer::scheduler {
namespace {

using common::string_member_or_empty;
// Jobs written by hand (no-api jobs) sometimes quote numbers.
using common::int_like_member;

std::uint64_t fingerprint(const std::string& s) { return std::hash<std::string>{}(s); }

// The members of a job_schedule object for which `keep(key)` holds, compact.
template <typename Keep>
std::string schedule_subset(const rapidjson::Value& schedule, Keep keep) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  if (schedule.IsObject())
    for (const auto& m : schedule.GetObject()) {
      if (!keep(std::string_view(m.name.GetString(), m.name.GetStringLength()))) continue;
      w.Key(m.name.GetString(), m.name.GetStringLength());
      m.value.Accept(w);
    }
  w.EndObject();
  return buffer.GetString();
}

// The job_schedule without the keys the scheduler itself writes.
std::string schedule_definition(const rapidjson::Value& schedule) {
  return schedule_subset(schedule, [](std::string_view key) {
    return !is_scheduler_owned_key(key) && key != "time_created";
  });
}

ActionSpec parse_action(const rapidjson::Value& entry) {
  if (!entry.IsObject()) throw JobDocumentError("a job_actions entry is not an object");
  ActionSpec a;
  a.action_id = string_member_or_empty(entry, "action_id");
  a.max_retries = int_like_member(entry, "max_retries").value_or(0);
  if (auto interval = int_like_member(entry, "max_retries_interval"))
    a.max_retries_interval = *interval;
  if (auto m = entry.FindMember("mandatory"); m != entry.MemberEnd())
    a.mandatory = common::python_truthy(m->value);
  auto fa = entry.FindMember("freezer_action");
  if (fa == entry.MemberEnd() || fa->value.IsNull()) {
    a.freezer_action = "{}";
    return a;
  }
  if (!fa->value.IsObject()) throw JobDocumentError("a freezer_action is not an object");
  a.freezer_action = common::to_json(fa->value);
  a.action = string_member_or_empty(fa->value, "action");
  a.mode = string_member_or_empty(fa->value, "mode");
  a.storage = string_member_or_empty(fa->value, "storage");
  a.engine_name = string_member_or_empty(fa->value, "engine_name");
  a.engine = string_member_or_empty(fa->value, "engine");
  return a;
}

}  // namespace

bool is_scheduler_owned_key(std::string_view key) {
  static constexpr std::array<std::string_view, 6> kOwned{
      "status", "event", "result", "time_started", "time_ended", "current_pid"};
  for (auto owned : kOwned)
    if (key == owned) return true;
  return false;
}

std::string scheduler_owned_json(const rapidjson::Value& schedule) {
  return schedule_subset(schedule, is_scheduler_owned_key);
}

JobDocument parse_job_document(const rapidjson::Value& doc, const std::string& default_project) {
  if (!doc.IsObject()) throw JobDocumentError("a job document is not an object");
  JobDocument job;
  job.job_id = string_member_or_empty(doc, "job_id");
  if (job.job_id.empty()) throw JobDocumentError("a job document has no job_id");
  job.project_id = string_member_or_empty(doc, "project_id");
  if (job.project_id.empty()) job.project_id = default_project;
  job.user_id = string_member_or_empty(doc, "user_id");
  job.client_id = string_member_or_empty(doc, "client_id");
  job.description = string_member_or_empty(doc, "description");
  job.session_id = string_member_or_empty(doc, "session_id");
  job.session_tag = int_like_member(doc, "session_tag").value_or(0);

  static const rapidjson::Value kEmptyObject(rapidjson::kObjectType);
  const rapidjson::Value* schedule = &kEmptyObject;
  if (auto s = doc.FindMember("job_schedule"); s != doc.MemberEnd() && !s->value.IsNull()) {
    if (!s->value.IsObject())
      throw JobDocumentError("job " + job.job_id + ": job_schedule is not an object");
    schedule = &s->value;
  }
  job.schedule = common::to_json(*schedule);
  job.scheduler_keys = scheduler_owned_json(*schedule);
  job.status = string_member_or_empty(*schedule, "status");
  job.event = string_member_or_empty(*schedule, "event");
  job.result = string_member_or_empty(*schedule, "result");

  std::string actions_text = "[]";
  if (auto actions = doc.FindMember("job_actions");
      actions != doc.MemberEnd() && !actions->value.IsNull()) {
    if (!actions->value.IsArray())
      throw JobDocumentError("job " + job.job_id + ": job_actions is not a list");
    for (const auto& entry : actions->value.GetArray()) job.actions.push_back(parse_action(entry));
    actions_text = common::to_json(actions->value);
  }
  if (auto creds = doc.FindMember("user_credentials");
      creds != doc.MemberEnd() && creds->value.IsObject()) {
    job.trust_id = string_member_or_empty(creds->value, "trust_id");
    job.trustor_user_id = string_member_or_empty(creds->value, "trustor_user_id");
  }
  job.definition = fingerprint(schedule_definition(*schedule) + '\x1f' + actions_text + '\x1f' +
                               job.session_id + '\x1f' + job.client_id + '\x1f' + job.trust_id);
  job.content = fingerprint(common::to_json(doc));
  return job;
}

}  // namespace freezer::scheduler

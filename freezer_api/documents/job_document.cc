#include "freezer_api/documents/job_document.h"

#include "common/json.h"
#include "freezer_api/documents/action_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

void expand_action_defaults(rapidjson::Document& job) {
  auto defaults = job.FindMember("action_defaults");
  if (defaults == job.MemberEnd()) return;
  if (defaults->value.IsNull()) {
    job.RemoveMember("action_defaults");
    return;
  }
  if (!defaults->value.IsObject()) throw bad_request("action_defaults shouldbe a dictionary");
  auto& a = job.GetAllocator();
  rapidjson::Value copy(defaults->value, a);
  job.RemoveMember("action_defaults");
  auto actions = job.FindMember("job_actions");
  if (actions == job.MemberEnd() || !actions->value.IsArray()) return;
  for (auto& entry : actions->value.GetArray()) {
    if (!entry.IsObject()) continue;
    auto fa = entry.FindMember("freezer_action");
    if (fa == entry.MemberEnd() || !fa->value.IsObject()) continue;
    for (const auto& d : copy.GetObject()) {
      auto existing = fa->value.FindMember(d.name);
      if (existing != fa->value.MemberEnd()) {
        if (!existing->value.IsNull()) continue;
        existing->value.CopyFrom(d.value, a);
      } else {
        fa->value.AddMember(rapidjson::Value(d.name, a), rapidjson::Value(d.value, a), a);
      }
    }
  }
}

db::JobRecord job_from_document(const rapidjson::Value& job, std::string id, std::string project_id,
                                std::string user_id) {
  db::JobRecord r;
  r.id = std::move(id);
  r.project_id = std::move(project_id);
  r.user_id = std::move(user_id);
  r.client_id = job["client_id"].GetString();
  auto schedule = job.FindMember("job_schedule");
  r.schedule = schedule != job.MemberEnd() ? common::to_json(schedule->value) : "{}";
  // Absent keys take upstream's defaults; an explicit null is kept.
  auto session_id = job.FindMember("session_id");
  if (session_id == job.MemberEnd())
    r.session_id = "";
  else if (session_id->value.IsString())
    r.session_id = session_id->value.GetString();
  auto session_tag = job.FindMember("session_tag");
  if (session_tag == job.MemberEnd())
    r.session_tag = 0;
  else if (session_tag->value.IsInt64())
    r.session_tag = session_tag->value.GetInt64();
  auto description = job.FindMember("description");
  if (description == job.MemberEnd())
    r.description = "";
  else if (description->value.IsString())
    r.description = description->value.GetString();
  return r;
}

void render_job(const db::JobRecord& job, const std::vector<db::ActionRecord>& actions,
                rapidjson::Value& out, Allocator& a) {
  out.AddMember("job_id", json_string(job.id, a), a);
  out.AddMember("project_id", json_string(job.project_id, a), a);
  out.AddMember("user_id", json_string(job.user_id, a), a);
  out.AddMember("job_schedule", common::stored_object_in(job.schedule, a), a);
  out.AddMember("client_id", json_string(job.client_id, a), a);
  out.AddMember("session_id", job.session_id ? json_string(*job.session_id, a) : rapidjson::Value(),
                a);
  out.AddMember("session_tag",
                job.session_tag ? rapidjson::Value(static_cast<int64_t>(*job.session_tag))
                                : rapidjson::Value(),
                a);
  out.AddMember("description",
                job.description ? json_string(*job.description, a) : rapidjson::Value(), a);
  rapidjson::Value job_actions(rapidjson::kArrayType);
  for (const auto& action : actions) {
    rapidjson::Value item(rapidjson::kObjectType);
    render_action(action, item, a);
    job_actions.PushBack(item, a);
  }
  out.AddMember("job_actions", job_actions, a);
}

}  // namespace freezer::api

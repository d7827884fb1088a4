#include "freezer_api/session_document.h"

#include "common/json.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

rapidjson::Value integer(const std::optional<long long>& v) {
  return v ? rapidjson::Value(static_cast<int64_t>(*v)) : rapidjson::Value();
}

rapidjson::Value text(const std::optional<std::string>& v, Allocator& a) {
  return v ? json_string(*v, a) : rapidjson::Value();
}

rapidjson::Value stored_json(const std::optional<std::string>& v, Allocator& a) {
  rapidjson::Document doc;
  if (!v || !common::parse_json(*v, doc)) return rapidjson::Value();
  return rapidjson::Value(doc, a);
}

void add_jobs(const db::SessionRecord& s, rapidjson::Value& out, Allocator& a) {
  // Present once jobs were written; a replace without jobs stores (and shows) null.
  if (s.jobs) out.AddMember("jobs", stored_json(s.jobs, a), a);
}

}  // namespace

void render_session(const db::SessionRecord& s, rapidjson::Value& out, Allocator& a) {
  out.AddMember("project_id", json_string(s.project_id, a), a);
  out.AddMember("session_id", json_string(s.id, a), a);
  out.AddMember("user_id", json_string(s.user_id, a), a);
  out.AddMember("description", text(s.description, a), a);
  out.AddMember("session_tag", integer(s.session_tag), a);
  out.AddMember("result", text(s.result, a), a);
  out.AddMember("hold_off", integer(s.hold_off), a);
  out.AddMember("status", text(s.status, a), a);
  out.AddMember("time_ended", integer(s.time_ended), a);
  out.AddMember("time_started", integer(s.time_started), a);
  out.AddMember("time_end", integer(s.time_end), a);
  out.AddMember("time_start", integer(s.time_start), a);
  out.AddMember("schedule", stored_json(s.schedule, a), a);
  add_jobs(s, out, a);
}

void render_session_list_item(const db::SessionRecord& s, const std::string& url_project_id,
                              rapidjson::Value& out, Allocator& a) {
  out.AddMember("project_id", json_string(url_project_id, a), a);
  out.AddMember("user_id", json_string(s.user_id, a), a);
  out.AddMember("session_id", json_string(s.id, a), a);
  out.AddMember("description", text(s.description, a), a);
  out.AddMember("session_tag", integer(s.session_tag), a);
  out.AddMember("result", text(s.result, a), a);
  out.AddMember("hold_off", integer(s.hold_off), a);
  out.AddMember("status", text(s.status, a), a);
  out.AddMember("time_ended", integer(s.time_ended), a);
  out.AddMember("time_end", integer(s.time_end), a);
  out.AddMember("time_started", integer(s.time_started), a);
  out.AddMember("time_start", integer(s.time_start), a);
  out.AddMember("schedule", stored_json(s.schedule, a), a);
  add_jobs(s, out, a);
}

rapidjson::Document session_jobs(const db::SessionRecord& s) {
  rapidjson::Document doc;
  if (!s.jobs || !common::parse_json(*s.jobs, doc) || !doc.IsObject()) doc.SetObject();
  return doc;
}

}  // namespace freezer::api

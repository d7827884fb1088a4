// Sessions: groups of jobs that schedulers start and end together.
#include <ctime>
#include <utility>

#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/call.h"
#include "freezer_api/documents/session_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/list_response.h"
#include "freezer_api/listing/paging.h"
#include "freezer_api/v2/handlers.h"
#include "freezer_api/workflows/id_claims.h"
#include "freezer_api/workflows/posted_documents.h"
#include "freezer_api/workflows/session_flow.h"

namespace freezer::api::v2 {
namespace {

// A column from a session document: the record's value when the key is absent, NULL when the
// key holds another type.
std::optional<long long> integer_or(const rapidjson::Value& doc, const char* key,
                                    std::optional<long long> fallback) {
  return doc.HasMember(key) ? common::int_member(doc, key) : fallback;
}

std::optional<std::string> string_or(const rapidjson::Value& doc, const char* key,
                                     std::optional<std::string> fallback) {
  return doc.HasMember(key) ? common::string_member(doc, key) : std::move(fallback);
}

std::optional<std::string> json_or(const rapidjson::Value& doc, const char* key,
                                   std::optional<std::string> fallback) {
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd()) return fallback;
  return common::to_json(it->value);
}

// Applies the columns a session document carries; absent keys keep the record's values
// (a fresh_session's defaults on create).
void apply_columns(db::SessionRecord& s, const rapidjson::Value& doc) {
  s.description = string_or(doc, "description", s.description);
  s.session_tag = integer_or(doc, "session_tag", s.session_tag);
  s.hold_off = integer_or(doc, "hold_off", s.hold_off);
  s.status = string_or(doc, "status", s.status);
  s.result = string_or(doc, "result", s.result);
  s.time_start = integer_or(doc, "time_start", s.time_start);
  s.time_end = integer_or(doc, "time_end", s.time_end);
  s.time_started = integer_or(doc, "time_started", s.time_started);
  s.time_ended = integer_or(doc, "time_ended", s.time_ended);
  s.schedule = json_or(doc, "schedule", s.schedule);
}

db::SessionRecord fresh_session(std::string id, std::string project_id, std::string user_id) {
  db::SessionRecord s;
  s.id = std::move(id);
  s.project_id = std::move(project_id);
  s.user_id = std::move(user_id);
  s.session_tag = 0;
  s.hold_off = 30;
  s.time_start = s.time_end = s.time_started = s.time_ended = -1;
  return s;
}

long long now() { return static_cast<long long>(std::time(nullptr)); }

// Writes `patch` (already validated) over `session`: jobs merge into the stored map.
void apply_patch(db::SessionRecord& session, const rapidjson::Value& patch) {
  apply_columns(session, patch);
  auto jobs = patch.FindMember("jobs");
  if (jobs == patch.MemberEnd()) return;
  auto stored = session_jobs(session);
  if (jobs->value.IsObject() && stored.MemberCount() > 0) {
    common::merge_object(stored, jobs->value, stored.GetAllocator());
    session.jobs = common::to_json(stored);
  } else {
    session.jobs = common::to_json(jobs->value);
  }
}

std::string required_string(const rapidjson::Value& params, const char* key) {
  auto it = params.FindMember(key);
  if (it == params.MemberEnd() || !it->value.IsString())
    throw bad_request(std::string("'") + key + "' is a required property of the action (a string)");
  return it->value.GetString();
}

long long required_tag(const rapidjson::Value& params) {
  auto it = params.FindMember("current_tag");
  if (it != params.MemberEnd()) {
    if (it->value.IsInt64()) return it->value.GetInt64();
    if (it->value.IsString()) {  // int("3"), as upstream
      std::string text = it->value.GetString();
      char* end = nullptr;
      long long tag = std::strtoll(text.c_str(), &end, 10);
      if (!text.empty() && end != nullptr && *end == '\0') return tag;
    }
  }
  throw bad_request("'current_tag' is a required property of the action (an integer)");
}

std::string schedule_text(const rapidjson::Value& schedule, const char* key) {
  auto it = schedule.FindMember(key);
  if (it == schedule.MemberEnd()) return "";
  return it->value.IsString() ? it->value.GetString() : common::to_json(it->value);
}

// The job and the session a /sessions/{session_id}/jobs/{job_id} route names, or 404.
db::JobRecord named_job(db::Transaction& tx, const Call& call) {
  const auto& job_id = call.param("job_id");
  auto job = tx.jobs().find(call.param("project_id"), job_id);
  if (!job) throw not_found("Job not registered with ID " + job_id);
  return std::move(*job);
}
db::SessionRecord named_session(db::Transaction& tx, const Call& call) {
  const auto& session_id = call.param("session_id");
  auto session = tx.sessions().find(call.param("project_id"), session_id);
  if (!session) throw not_found("Session not registered with ID " + session_id);
  return std::move(*session);
}

}  // namespace

http::Response create_session(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  auto body = call.object_body();
  // As upstream: the id is always new, status starts "active", posted jobs are not kept.
  const std::string id = common::uuid4_hex();
  set_string_member(body, "status", "active");
  if (!body.HasMember("session_tag")) body.AddMember("session_tag", 0, body.GetAllocator());
  body.RemoveMember("jobs");
  stamp_and_validate(services, call, body, "session", "session_id", id);
  auto session = fresh_session(id, project_id, call.context.user_id);
  apply_columns(session, body);
  services.db.sessions().insert(session);
  return id_response(201, "session_id", id);
}

http::Response replace_session(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& id = call.param("session_id");
  auto body = call.object_body();
  stamp_and_validate(services, call, body, "session", "session_id", id);

  auto tx = services.db.begin();
  // The common case (the project's own session) is one read; a missing one must be free.
  auto existing = tx->sessions().find(project_id, id);
  if (!existing) claim_id_to_replace(tx->sessions().id_owner(id), project_id);
  auto session = existing ? *existing : fresh_session(id, project_id, call.context.user_id);
  session.user_id = call.context.user_id;
  apply_columns(session, body);
  // Replace stores the posted jobs, or JSON null without them (upstream shows "jobs": null).
  session.jobs = json_or(body, "jobs", std::string("null"));
  if (existing)
    tx->sessions().update(session);
  else
    tx->sessions().insert(session);
  tx->commit();
  return replaced_response("session_id", id);
}

http::Response patch_session(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& id = call.param("session_id");
  auto patch = patch_body(call, {"user_id", "session_id", "project_id"});
  services.schemas.require_valid("session_patch", patch);

  auto tx = services.db.begin();
  auto session = tx->sessions().find(project_id, id);
  if (!session) throw not_found("Session not registered with ID " + id);
  apply_patch(*session, patch);
  session->user_id = call.context.user_id;
  tx->sessions().update(*session);
  tx->commit();
  return version_response(200, "session_id", id, rapidjson::Value(0));
}

http::Response get_session(Services& services, Call& call) {
  return document_response(
      services.db.sessions().find(call.param("project_id"), call.param("session_id")),
      render_session);
}

http::Response list_sessions(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  auto page = parse_page(call.request, services.options.default_limit, services.options.max_limit);
  auto filter = SearchFilter::from_body(call.json_body());
  return list_response(
      "sessions", page, filter,
      [&](const db::Page& p) { return services.db.sessions().list(project_id, p); },
      [](const db::SessionRecord& s) -> const std::string& { return s.id; },
      [&](const db::SessionRecord& s, rapidjson::Value& out, Allocator& a) {
        render_session_list_item(s, project_id, out, a);
      });
}

http::Response delete_session(Services& services, Call& call) {
  services.db.sessions().soft_delete(call.param("project_id"), call.param("session_id"));
  return http::Response::no_content();
}

// POST /sessions/{id}/action {"start"|"end": {...}}
http::Response session_action(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& id = call.param("session_id");
  auto body = call.json_body();
  if (!body.IsObject() || body.MemberCount() == 0) throw bad_request("Bad action request format");
  const std::string action = body.MemberBegin()->name.GetString();
  if (action != "start" && action != "end") {
    ApiError error(405, "Bad Method", "Bad Action Method");
    error.headers().emplace_back("Allow", "GET, POST, HEAD, PATCH, DELETE");
    throw error;
  }
  const auto& params = body.MemberBegin()->value;
  if (!params.IsObject()) throw bad_request("The parameters of '" + action + "' must be an object");
  const std::string job_id = required_string(params, "job_id");

  auto tx = services.db.begin();
  auto session = tx->sessions().find(project_id, id);
  if (!session) throw not_found("Session not registered with ID " + id);
  auto jobs = session_jobs(*session);
  SessionStep step;
  if (action == "start") {
    step = start_session_job(*session, jobs, job_id, required_tag(params), now());
  } else {
    auto result = params.FindMember("result");
    if (result == params.MemberEnd())
      throw bad_request("'result' is a required property of the action");
    step = end_session_job(*session, jobs, job_id, result->value, now());
  }
  if (step.changed) {
    session->jobs = common::to_json(jobs);
    session->user_id = call.context.user_id;
    tx->sessions().update(*session);
    tx->commit();
  }
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("result", json_string(step.result, a), a);
  doc.AddMember("session_tag", static_cast<int64_t>(step.session_tag), a);
  return json_response(202, doc);
}

// PUT /sessions/{id}/jobs/{job_id}: the job joins the session and takes its schedule.
http::Response add_job(Services& services, Call& call) {
  const auto& job_id = call.param("job_id");
  auto tx = services.db.begin();
  auto job = named_job(*tx, call);  // upstream looks the job up first here
  auto session = named_session(*tx, call);

  const auto schedule = common::stored_object(job.schedule);
  rapidjson::Document patch(rapidjson::kObjectType);
  auto& a = patch.GetAllocator();
  rapidjson::Value entry(rapidjson::kObjectType);
  entry.AddMember("client_id", json_string(job.client_id, a), a);
  for (const char* key : {"status", "result", "time_started", "time_ended"})
    entry.AddMember(rapidjson::StringRef(key), json_string(schedule_text(schedule, key), a), a);
  rapidjson::Value jobs(rapidjson::kObjectType);
  jobs.AddMember(json_string(job_id, a), entry, a);
  patch.AddMember("jobs", jobs, a);
  apply_patch(session, patch);
  session.user_id = call.context.user_id;
  tx->sessions().update(session);

  job.session_id = session.id;
  job.session_tag = session.session_tag.value_or(0);
  job.schedule = session.schedule.value_or("{}");
  job.user_id = call.context.user_id;
  tx->jobs().update(job);
  tx->commit();
  return http::Response::no_content();
}

// DELETE /sessions/{id}/jobs/{job_id}: the job leaves the session and is told to stop.
http::Response remove_job(Services& services, Call& call) {
  const auto& job_id = call.param("job_id");
  auto tx = services.db.begin();
  auto session = named_session(*tx, call);  // and the session first here
  auto job = named_job(*tx, call);
  auto jobs = session_jobs(session);
  jobs.RemoveMember(job_id.c_str());
  session.jobs = common::to_json(jobs);
  session.user_id = call.context.user_id;
  tx->sessions().update(session);

  job.session_id = "";
  job.session_tag = 0;
  job.schedule = R"({"event":"stop"})";
  job.user_id = call.context.user_id;
  tx->jobs().update(job);
  tx->commit();
  return http::Response::no_content();
}

}  // namespace freezer::api::v2

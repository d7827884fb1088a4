#include "freezer_api/workflows/session_flow.h"

#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

rapidjson::Value& job_entry(rapidjson::Document& jobs, const std::string& job_id) {
  auto it = jobs.FindMember(job_id.c_str());
  if (it == jobs.MemberEnd() || !it->value.IsObject())
    throw bad_request("job_id not found in session");
  return it->value;
}

void mark_running(rapidjson::Document& jobs, const std::string& job_id, long long now) {
  auto& a = jobs.GetAllocator();
  auto& job = job_entry(jobs, job_id);
  set_member(job, "status", rapidjson::Value("running"), a);
  set_member(job, "result", rapidjson::Value(""), a);
  set_member(job, "time_started", rapidjson::Value(static_cast<int64_t>(now)), a);
}

bool string_is(const rapidjson::Value& obj, const char* key, const char* expected) {
  return common::string_member(obj, key) == expected;
}

}  // namespace

SessionStep start_session_job(db::SessionRecord& session, rapidjson::Document& jobs,
                              const std::string& job_id, long long job_tag, long long now) {
  const long long session_tag = session.session_tag.value_or(0);
  if (job_tag > session_tag)
    throw bad_request("requested tag value too high. Session Tag: " + std::to_string(session_tag) +
                      " Job Tag: " + std::to_string(job_tag));
  const long long elapsed = now - session.time_start.value_or(-1);
  const long long hold_off = session.hold_off.value_or(60);
  if (elapsed <= hold_off) {
    // Within the hold-off window: late jobs of the running session may still join.
    if (job_tag < session_tag) {
      mark_running(jobs, job_id, now);
      return {"success", session_tag, true};
    }
    return {"hold-off", session_tag, false};
  }
  if (job_tag == session_tag) {
    mark_running(jobs, job_id, now);
    session.session_tag = session_tag + 1;
    session.time_start = now;
    session.status = "running";
    session.result = "";
    return {"success", session_tag + 1, true};
  }
  return {"out-of-sync", session_tag, false};
}

SessionStep end_session_job(db::SessionRecord& session, rapidjson::Document& jobs,
                            const std::string& job_id, const rapidjson::Value& result,
                            long long now) {
  auto& a = jobs.GetAllocator();
  auto& job = job_entry(jobs, job_id);
  set_member(job, "status", rapidjson::Value("completed"), a);
  set_member(job, "result", rapidjson::Value(result, a), a);
  set_member(job, "time_ended", rapidjson::Value(static_cast<int64_t>(now)), a);

  std::string overall = "success";
  for (const auto& entry : jobs.GetObject()) {
    if (!entry.value.IsObject() || !string_is(entry.value, "status", "completed")) {
      overall = "running";
      break;
    }
    if (!string_is(entry.value, "result", "success")) overall = "fail";
  }
  if (session.status.value_or("") != "completed" && overall != "running") {
    session.time_end = now;
    session.result = overall;
    session.status = "completed";
  }
  return {"success", session.session_tag.value_or(0), true};
}

}  // namespace freezer::api

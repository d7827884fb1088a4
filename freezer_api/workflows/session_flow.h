#pragma once
// The session start/end protocol schedulers use to run a session's jobs together
// (upstream's semantics). Pure functions of the session, its jobs map and the time, so the
// rules are testable without a clock.
#include <rapidjson/document.h>

#include <string>

#include "db/session_record.h"

namespace freezer::api {

struct SessionStep {
  std::string result;     // "success", "hold-off" or "out-of-sync"
  long long session_tag;  // after the step
  bool changed;           // whether session or jobs must be written
};

// {"start": {"job_id", "current_tag"}}: 400 when the tag is ahead of the session's or the
// job is not in the session.
SessionStep start_session_job(db::SessionRecord& session, rapidjson::Document& jobs,
                              const std::string& job_id, long long job_tag, long long now);

// {"end": {"job_id", "current_tag", "result"}}: marks the job completed; the session
// completes once every job has.
SessionStep end_session_job(db::SessionRecord& session, rapidjson::Document& jobs,
                            const std::string& job_id, const rapidjson::Value& result,
                            long long now);

}  // namespace freezer::api

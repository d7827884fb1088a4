#pragma once
// The PATCH /v2/{p}/jobs/{id} body that reports a job's state. The API replaces the whole
// job_schedule on PATCH, so the body is the job_schedule as the API last showed it with only
// the keys this scheduler owns replaced: a schedule its user edited meanwhile is kept, and an
// event is cleared only if it is still the one the scheduler acted on.
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "freezer_scheduler/job/job_state.h"
#include "freezer_scheduler/job/run_result.h"

namespace freezer::scheduler {

// The API's strings for the scheduler's words: "" / success / fail / aborted, and
// stop / scheduled / running / aborting / completed.
std::string_view wire_name(RunResult result);
std::string_view wire_name(JobStatus status);

// nullopt when the API already shows exactly this report (nothing to send).
std::optional<std::string> report_patch_body(const rapidjson::Value& server_schedule,
                                             long long server_session_tag, const JobReport& report);

}  // namespace freezer::scheduler

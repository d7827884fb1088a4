#pragma once
// The JSON bodies the scheduler sends to the freezer API, built with RapidJSON's writer (ids
// and names are escaped whatever they hold): client registration, the job list's search
// document, and the session start and end actions. The job report (PATCH) is
// job/report_body.h.
#include <string>

#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/job/run_result.h"

namespace freezer::scheduler {

// POST /v2/{p}/clients/: a flat client document with this scheduler's capabilities.
std::string client_registration_body(const std::string& client_id, const std::string& hostname,
                                     const CapabilityOptions& capabilities, bool is_central);

// GET /v2/{p}/jobs/ search: the client's jobs that are not completed.
std::string job_search_body(const std::string& client_id);

// POST /v2/{p}/sessions/{id}/action: {"start": {"job_id", "current_tag"}}.
std::string session_start_body(const std::string& job_id, long long current_tag);
// {"end": {"job_id", "current_tag", "result"}}.
std::string session_end_body(const std::string& job_id, long long current_tag, RunResult result);

}  // namespace freezer::scheduler

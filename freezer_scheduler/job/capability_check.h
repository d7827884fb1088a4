#pragma once
// Whether this scheduler may run a job: every action's action, mode, storage and engine must
// be in its [capabilities] lists. Both `engine_name` (what agents read) and `engine` (what the
// API checks) are looked at.
#include <string>

#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/job/job_document.h"

namespace freezer::scheduler {

// "" when the job is within the capabilities, else why not, e.g.
// "mode 'fs' is not in [capabilities] supported_modes".
std::string unsupported_capability(const JobDocument& job, const CapabilityOptions& capabilities);

}  // namespace freezer::scheduler

#pragma once
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api::v2 {

// GET/POST /v2/{project_id}/jobs, GET/PATCH/POST/DELETE /v2/{project_id}/jobs/{job_id},
// POST /v2/{project_id}/jobs/{job_id}/event
void set_jobs(http::Router& router, Services& services);

}  // namespace freezer::api::v2

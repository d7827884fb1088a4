#pragma once
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api::v2 {

// GET/POST /v2/{p}/sessions, GET/PATCH/POST/DELETE /v2/{p}/sessions/{session_id},
// POST /v2/{p}/sessions/{session_id}/action, PUT/DELETE /v2/{p}/sessions/{session_id}/jobs/{job_id}
void set_sessions(http::Router& router, Services& services);

}  // namespace freezer::api::v2

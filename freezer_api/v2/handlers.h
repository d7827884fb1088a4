#pragma once
// The handlers of the /v2 resource routes, one .cc per resource. routes.cc ties each to its
// method, path and policy rule.
#include "freezer_api/call.h"
#include "freezer_api/http/message.h"
#include "freezer_api/services.h"

namespace freezer::api::v2 {

// POST/GET /v2/{project_id}/clients, GET/DELETE /v2/{project_id}/clients/{client_id}
http::Response create_client(Services& services, Call& call);
http::Response list_clients(Services& services, Call& call);
http::Response get_client(Services& services, Call& call);
http::Response delete_client(Services& services, Call& call);

// GET/POST /v2/{project_id}/actions, GET/PATCH/POST/DELETE /v2/{project_id}/actions/{action_id}
http::Response create_action(Services& services, Call& call);
http::Response list_actions(Services& services, Call& call);
http::Response get_action(Services& services, Call& call);
http::Response patch_action(Services& services, Call& call);
http::Response replace_action(Services& services, Call& call);
http::Response delete_action(Services& services, Call& call);

// GET/POST /v2/{project_id}/jobs, GET/PATCH/POST/DELETE /v2/{project_id}/jobs/{job_id},
// POST /v2/{project_id}/jobs/{job_id}/event
http::Response create_job(Services& services, Call& call);
http::Response list_jobs(Services& services, Call& call);
http::Response get_job(Services& services, Call& call);
http::Response patch_job(Services& services, Call& call);
http::Response replace_job(Services& services, Call& call);
http::Response delete_job(Services& services, Call& call);
http::Response job_event(Services& services, Call& call);

// GET/POST /v2/{p}/sessions, GET/PATCH/POST/DELETE /v2/{p}/sessions/{session_id},
// POST /v2/{p}/sessions/{session_id}/action, PUT/DELETE /v2/{p}/sessions/{session_id}/jobs/{job_id}
http::Response create_session(Services& services, Call& call);
http::Response list_sessions(Services& services, Call& call);
http::Response get_session(Services& services, Call& call);
http::Response patch_session(Services& services, Call& call);
http::Response replace_session(Services& services, Call& call);
http::Response delete_session(Services& services, Call& call);
http::Response session_action(Services& services, Call& call);
http::Response add_job(Services& services, Call& call);
http::Response remove_job(Services& services, Call& call);

// GET/POST /v2/{project_id}/backups, GET/PATCH/DELETE /v2/{project_id}/backups/{backup_id}
http::Response create_backup(Services& services, Call& call);
http::Response list_backups(Services& services, Call& call);
http::Response get_backup(Services& services, Call& call);
http::Response patch_backup(Services& services, Call& call);
http::Response delete_backup(Services& services, Call& call);

}  // namespace freezer::api::v2

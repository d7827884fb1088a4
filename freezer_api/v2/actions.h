#pragma once
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api::v2 {

// GET/POST /v2/{project_id}/actions, GET/PATCH/POST/DELETE /v2/{project_id}/actions/{action_id}
void set_actions(http::Router& router, Services& services);

}  // namespace freezer::api::v2

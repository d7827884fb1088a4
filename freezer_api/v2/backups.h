#pragma once
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api::v2 {

// GET/POST /v2/{project_id}/backups, GET/PATCH/DELETE /v2/{project_id}/backups/{backup_id}
void set_backups(http::Router& router, Services& services);

}  // namespace freezer::api::v2

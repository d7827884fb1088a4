#pragma once
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api {

// GET|HEAD /healthcheck (before authentication), as oslo.middleware's healthcheck: 200 "OK"
// (204 for HEAD), 503 when disabled by file or when the database is unreachable or not
// at this release's schema version. With [healthcheck] detailed, an admin caller (X-Auth-Token)
// asking for JSON sees the backends' status.
void set_healthcheck(http::Router& router, Services& services);

}  // namespace freezer::api

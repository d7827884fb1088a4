#pragma once
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api::v2 {

// POST/GET /v2/{project_id}/clients, GET/DELETE /v2/{project_id}/clients/{client_id}
void set_clients(http::Router& router, Services& services);

}  // namespace freezer::api::v2

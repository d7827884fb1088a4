#pragma once
#include "freezer_api/http/router.h"

namespace freezer::api::v2 {

// GET /v2 and /v2/: the JSON-home document (application/json-home).
void set_homedoc(http::Router& router);

}  // namespace freezer::api::v2

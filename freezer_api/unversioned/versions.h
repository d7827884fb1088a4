#pragma once
#include "freezer_api/http/router.h"

namespace freezer::api {

// GET / (before authentication): 300 with the list of API versions.
void set_versions(http::Router& router);

}  // namespace freezer::api

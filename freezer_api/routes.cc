#include "freezer_api/application.h"
#include "freezer_api/service/healthcheck.h"
#include "freezer_api/service/versions.h"
#include "freezer_api/v2/actions.h"
#include "freezer_api/v2/backups.h"
#include "freezer_api/v2/clients.h"
#include "freezer_api/v2/homedoc.h"
#include "freezer_api/v2/jobs.h"
#include "freezer_api/v2/sessions.h"

namespace freezer::api {

void set_routes(http::Router& router, Services& services) {
  set_versions(router);
  set_healthcheck(router, services);
  v2::set_homedoc(router);
  v2::set_clients(router, services);
  v2::set_actions(router, services);
  v2::set_jobs(router, services);
  v2::set_sessions(router, services);
  v2::set_backups(router, services);
}

}  // namespace freezer::api

// Every route of the service in one table: method, path template, the policy rule that guards
// it (checked against the policy defaults at start-up) and its handler.
#include "freezer_api/application.h"
#include "freezer_api/unversioned/healthcheck.h"
#include "freezer_api/unversioned/versions.h"
#include "freezer_api/v2/handlers.h"
#include "freezer_api/v2/homedoc.h"

namespace freezer::api {
namespace {

using http::Method;

struct ResourceRoute {
  Method method;
  const char* path;
  const char* rule;
  http::Response (*handler)(Services&, Call&);
};

// In upstream's order; the paths are those of policy/default_rules.cc's operations.
constexpr ResourceRoute kResourceRoutes[] = {
    {Method::kPost, "/v2/{project_id}/clients", "clients:create", v2::create_client},
    {Method::kGet, "/v2/{project_id}/clients", "clients:get_all", v2::list_clients},
    {Method::kGet, "/v2/{project_id}/clients/{client_id}", "clients:get", v2::get_client},
    {Method::kDelete, "/v2/{project_id}/clients/{client_id}", "clients:delete", v2::delete_client},

    {Method::kPost, "/v2/{project_id}/actions", "actions:create", v2::create_action},
    {Method::kGet, "/v2/{project_id}/actions", "actions:get_all", v2::list_actions},
    {Method::kGet, "/v2/{project_id}/actions/{action_id}", "actions:get", v2::get_action},
    {Method::kPatch, "/v2/{project_id}/actions/{action_id}", "actions:update", v2::patch_action},
    {Method::kPost, "/v2/{project_id}/actions/{action_id}", "actions:replace", v2::replace_action},
    {Method::kDelete, "/v2/{project_id}/actions/{action_id}", "actions:delete", v2::delete_action},

    {Method::kPost, "/v2/{project_id}/jobs", "jobs:create", v2::create_job},
    {Method::kGet, "/v2/{project_id}/jobs", "jobs:get_all", v2::list_jobs},
    {Method::kGet, "/v2/{project_id}/jobs/{job_id}", "jobs:get", v2::get_job},
    {Method::kPatch, "/v2/{project_id}/jobs/{job_id}", "jobs:update", v2::patch_job},
    {Method::kPost, "/v2/{project_id}/jobs/{job_id}", "jobs:create", v2::replace_job},
    {Method::kDelete, "/v2/{project_id}/jobs/{job_id}", "jobs:delete", v2::delete_job},
    {Method::kPost, "/v2/{project_id}/jobs/{job_id}/event", "jobs:event:create", v2::job_event},

    {Method::kPost, "/v2/{project_id}/sessions", "sessions:create", v2::create_session},
    {Method::kGet, "/v2/{project_id}/sessions", "sessions:get_all", v2::list_sessions},
    {Method::kGet, "/v2/{project_id}/sessions/{session_id}", "sessions:get", v2::get_session},
    {Method::kPatch, "/v2/{project_id}/sessions/{session_id}", "sessions:update",
     v2::patch_session},
    {Method::kPost, "/v2/{project_id}/sessions/{session_id}", "sessions:replace",
     v2::replace_session},
    {Method::kDelete, "/v2/{project_id}/sessions/{session_id}", "sessions:delete",
     v2::delete_session},
    {Method::kPost, "/v2/{project_id}/sessions/{session_id}/action", "sessions:action:create",
     v2::session_action},
    {Method::kPut, "/v2/{project_id}/sessions/{session_id}/jobs/{job_id}", "sessions:job:add",
     v2::add_job},
    {Method::kDelete, "/v2/{project_id}/sessions/{session_id}/jobs/{job_id}", "sessions:job:remove",
     v2::remove_job},

    {Method::kPost, "/v2/{project_id}/backups", "backups:create", v2::create_backup},
    {Method::kGet, "/v2/{project_id}/backups", "backups:get_all", v2::list_backups},
    {Method::kGet, "/v2/{project_id}/backups/{backup_id}", "backups:get", v2::get_backup},
    {Method::kPatch, "/v2/{project_id}/backups/{backup_id}", "backups:update", v2::patch_backup},
    {Method::kDelete, "/v2/{project_id}/backups/{backup_id}", "backups:delete", v2::delete_backup},
};

}  // namespace

void set_routes(http::Router& router, Services& services) {
  set_versions(router);
  set_healthcheck(router, services);
  v2::set_homedoc(router);
  for (const auto& route : kResourceRoutes)
    router.add(
        route.method, route.path, route.rule,
        [&services, handler = route.handler](Call& call) { return handler(services, call); });
}

}  // namespace freezer::api

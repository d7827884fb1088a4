#include "policy/default_rules.h"

namespace freezer::policy {
namespace {

constexpr const char* kAdminOrOwner = "rule:admin_or_owner";
constexpr const char* kAdminOrOwnerOrService = "rule:admin_or_owner_or_service";
constexpr const char* kAdminOrReaderOrService = "rule:admin_or_reader_or_service";
constexpr const char* kAdminOrService = "rule:admin_or_service";

std::vector<RuleDefault> base_rules() {
  return {
      {"context_is_admin", "role:admin", "Decides who is an administrator.", {}},
      {"admin_or_owner",
       "rule:context_is_admin or rule:project_member",
       "An administrator, or a member of the project in the URL.",
       {}},
      {"admin_or_owner_or_service",
       "rule:admin_or_service or rule:project_member",
       "An administrator, the service (scheduler) role, or a member of the project in the URL.",
       {}},
      {"admin_or_service",
       "role:admin or role:service",
       "An administrator or the service (scheduler) role, in any project.",
       {}},
      {"project_member",
       "role:member and project_id:%(project_id)s",
       "The member role on the project in the URL.",
       {}},
      {"project_reader",
       "role:reader and project_id:%(project_id)s",
       "The reader role on the project in the URL.",
       {}},
      {"admin_or_reader_or_service",
       "rule:admin_or_owner_or_service or rule:project_reader",
       "Anyone who may read the project in the URL: administrator, service, member or reader.",
       {}},
  };
}

std::vector<RuleDefault> action_rules() {
  const std::string collection = "/v2/{project_id}/actions";
  const std::string item = collection + "/{action_id}";
  return {
      {"actions:create", kAdminOrOwner, "Create an action.", {{"POST", collection}}},
      {"actions:delete", kAdminOrOwner, "Delete an action.", {{"DELETE", item}}},
      {"actions:get", kAdminOrReaderOrService, "Show an action.", {{"GET", item}}},
      {"actions:get_all", kAdminOrReaderOrService, "List actions.", {{"GET", collection}}},
      {"actions:update", kAdminOrOwner, "Update an action.", {{"PATCH", item}}},
      {"actions:replace", kAdminOrOwner, "Replace an action.", {{"POST", item}}},
  };
}

std::vector<RuleDefault> backup_rules() {
  const std::string collection = "/v2/{project_id}/backups";
  const std::string item = collection + "/{backup_id}";
  return {
      {"backups:create", kAdminOrOwnerOrService, "Record a backup.", {{"POST", collection}}},
      {"backups:delete", kAdminOrOwnerOrService, "Delete a backup record.", {{"DELETE", item}}},
      {"backups:get", kAdminOrReaderOrService, "Show a backup.", {{"GET", item}}},
      {"backups:get_all", kAdminOrReaderOrService, "List backups.", {{"GET", collection}}},
      {"backups:update", kAdminOrOwnerOrService, "Update a backup record.", {{"PATCH", item}}},
  };
}

std::vector<RuleDefault> client_rules() {
  const std::string collection = "/v2/{project_id}/clients";
  const std::string item = collection + "/{client_id}";
  return {
      {"clients:create", kAdminOrOwner, "Register a client.", {{"POST", collection}}},
      {"clients:create_central",
       kAdminOrService,
       "Register a central client (is_central true), shared by every project; checked in "
       "addition to clients:create.",
       {{"POST", collection}}},
      {"clients:delete", kAdminOrOwner, "Unregister a client.", {{"DELETE", item}}},
      {"clients:get", kAdminOrReaderOrService, "Show a client.", {{"GET", item}}},
      {"clients:get_all", kAdminOrReaderOrService, "List clients.", {{"GET", collection}}},
  };
}

std::vector<RuleDefault> job_rules() {
  const std::string collection = "/v2/{project_id}/jobs";
  const std::string item = collection + "/{job_id}";
  return {
      {"jobs:create",
       kAdminOrOwner,
       "Create a job, or replace one by POSTing to its id.",
       {{"POST", collection}, {"POST", item}}},
      {"jobs:delete", kAdminOrOwner, "Delete a job.", {{"DELETE", item}}},
      {"jobs:get", kAdminOrReaderOrService, "Show a job.", {{"GET", item}}},
      {"jobs:get_all", kAdminOrReaderOrService, "List jobs.", {{"GET", collection}}},
      {"jobs:get_all_projects",
       kAdminOrService,
       "See jobs of every project (checked silently with an empty target when listing or "
       "showing jobs).",
       {{"GET", collection}, {"GET", item}}},
      {"jobs:get_credentials",
       "rule:admin_or_service or user_id:%(trustor_user_id)s",
       "See a job's user_credentials (the Keystone trust the scheduler acts with): "
       "administrator, service, or the user who delegated the trust.",
       {{"GET", collection}, {"GET", item}}},
      {"jobs:update", kAdminOrOwner, "Update a job.", {{"PATCH", item}}},
      {"jobs:event:create",
       kAdminOrOwner,
       "Send an event (start, stop, abort...) to a job.",
       {{"POST", item + "/event"}}},
  };
}

std::vector<RuleDefault> session_rules() {
  const std::string collection = "/v2/{project_id}/sessions";
  const std::string item = collection + "/{session_id}";
  return {
      {"sessions:create", kAdminOrOwner, "Create a session.", {{"POST", collection}}},
      {"sessions:delete", kAdminOrOwner, "Delete a session.", {{"DELETE", item}}},
      {"sessions:get", kAdminOrReaderOrService, "Show a session.", {{"GET", item}}},
      {"sessions:get_all", kAdminOrReaderOrService, "List sessions.", {{"GET", collection}}},
      {"sessions:update", kAdminOrOwner, "Update a session.", {{"PATCH", item}}},
      {"sessions:replace", kAdminOrOwner, "Replace a session.", {{"POST", item}}},
      {"sessions:action:create",
       kAdminOrOwner,
       "Start or end a session run.",
       {{"POST", item + "/action"}}},
      {"sessions:job:add",
       kAdminOrOwner,
       "Add a job to a session.",
       {{"PUT", item + "/jobs/{job_id}"}}},
      {"sessions:job:remove",
       kAdminOrOwner,
       "Remove a job from a session.",
       {{"DELETE", item + "/jobs/{job_id}"}}},
  };
}

}  // namespace

const std::vector<RuleDefault>& default_rules() {
  static const std::vector<RuleDefault> rules = [] {
    std::vector<RuleDefault> all;
    for (const auto& group : {base_rules(), action_rules(), backup_rules(), client_rules(),
                              job_rules(), session_rules()}) {
      all.insert(all.end(), group.begin(), group.end());
    }
    return all;
  }();
  return rules;
}

}  // namespace freezer::policy

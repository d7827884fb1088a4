#include "tests/support/upstream_routes.h"

namespace freezer::testing {

std::vector<RouteCall> upstream_routes(const std::string& project_id,
                                       const ExistingResources& ids) {
  const std::string p = "/v2/" + project_id;
  const std::string job_body = R"({"client_id": ")" + ids.client_id +
                               R"(", "job_actions": [{"freezer_action": {"action": "backup"}}]})";
  return {
      {"GET", p + "/jobs", "", false},
      {"GET", p + "/jobs/" + ids.job_id, "", false},
      {"GET", p + "/actions", "", false},
      {"GET", p + "/actions/" + ids.action_id, "", false},
      {"GET", p + "/backups", "", false},
      {"GET", p + "/backups/" + ids.backup_id, "", false},
      {"GET", p + "/clients", "", false},
      {"GET", p + "/clients/" + ids.client_id, "", false},
      {"GET", p + "/sessions", "", false},
      {"GET", p + "/sessions/" + ids.session_id, "", false},
      {"POST", p + "/jobs", job_body, true},
      {"PATCH", p + "/jobs/" + ids.job_id, R"({"description": "changed"})", true},
      {"POST", p + "/jobs/" + ids.job_id, job_body, true},
      {"POST", p + "/jobs/" + ids.job_id + "/event", R"({"start": null})", true},
      {"POST", p + "/actions", R"({"freezer_action": {"action": "info"}})", true},
      {"PATCH", p + "/actions/" + ids.action_id, R"({"max_retries": 1})", true},
      {"POST", p + "/actions/" + ids.action_id, R"({"freezer_action": {"action": "info"}})", true},
      {"POST", p + "/backups", R"({"container": "c", "hostname": "h", "backup_name": "b"})", true},
      {"PATCH", p + "/backups/" + ids.backup_id, R"({"status": "error"})", true},
      {"POST", p + "/clients", R"({"client_id": "another-node"})", true},
      {"POST", p + "/sessions", R"({"schedule": {}})", true},
      {"PATCH", p + "/sessions/" + ids.session_id, R"({"description": "changed"})", true},
      {"POST", p + "/sessions/" + ids.session_id, R"({"session_tag": 0, "schedule": {}})", true},
      {"PUT", p + "/sessions/" + ids.session_id + "/jobs/" + ids.job_id, "", true},
      {"POST", p + "/sessions/" + ids.session_id + "/action",
       R"({"start": {"job_id": ")" + ids.job_id + R"(", "current_tag": 0}})", true},
      {"DELETE", p + "/sessions/" + ids.session_id + "/jobs/" + ids.job_id, "", true},
      {"DELETE", p + "/sessions/" + ids.session_id, "", true},
      {"DELETE", p + "/backups/" + ids.backup_id, "", true},
      {"DELETE", p + "/actions/" + ids.action_id, "", true},
      {"DELETE", p + "/jobs/" + ids.job_id, "", true},
      {"DELETE", p + "/clients/" + ids.client_id, "", true},
  };
}

}  // namespace freezer::testing

#pragma once
// Every /v2 route of upstream's route table, as calls with sample bodies, for tests that
// walk the whole API (route existence, authorization matrices). Reads come first, then
// writes, then deletes.
#include <string>
#include <vector>

namespace freezer::testing {

struct ExistingResources {
  std::string client_id;  // registered in the project, also used in job bodies
  std::string job_id;
  std::string action_id;
  std::string session_id;
  std::string backup_id;
};

struct RouteCall {
  std::string method;
  std::string path;
  std::string body;
  bool write;
};

std::vector<RouteCall> upstream_routes(const std::string& project_id, const ExistingResources& ids);

}  // namespace freezer::testing

// Every route of the upstream route table exists: with real resources in place, each
// method/path pair is answered by its handler (never the router's 404 or 405).
#include <gtest/gtest.h>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

TEST(RouteTable, EveryUpstreamRouteIsServed) {
  ApiServer server;
  auto http = server.client();
  auto id_of = [&](const std::string& path, const std::string& body, const char* key) {
    auto r = http->post(path, body);
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return std::string(parse(r.body)[key].GetString());
  };
  const std::string p = "/v2/p1";
  std::string client = id_of(p + "/clients", R"({"client_id": "p1_node"})", "client_id");
  std::string job = id_of(p + "/jobs", R"({"client_id": "p1_node", "job_actions": [{"freezer_action": {"action": "backup"}}]})", "job_id");
  std::string action = id_of(p + "/actions", R"({"freezer_action": {"action": "backup"}})", "action_id");
  std::string session = id_of(p + "/sessions", R"({"schedule": {}})", "session_id");
  std::string backup = id_of(p + "/backups", R"({"container": "c", "hostname": "h", "backup_name": "b"})", "backup_id");

  struct Route { const char* method; std::string path; std::string body; };
  const std::vector<Route> routes = {
      {"GET", "/", ""},
      {"GET", "/healthcheck", ""},
      {"HEAD", "/healthcheck", ""},
      {"GET", "/v2", ""},
      {"GET", "/v2/", ""},
      {"GET", p + "/jobs", ""},
      {"POST", p + "/jobs", R"({"client_id": "p1_node", "job_actions": []})"},
      {"GET", p + "/jobs/" + job, ""},
      {"PATCH", p + "/jobs/" + job, R"({"description": "x"})"},
      {"POST", p + "/jobs/" + job, R"({"client_id": "p1_node", "job_actions": []})"},
      {"POST", p + "/jobs/" + job + "/event", R"({"start": null})"},
      {"GET", p + "/actions", ""},
      {"POST", p + "/actions", R"({"freezer_action": {"action": "info"}})"},
      {"GET", p + "/actions/" + action, ""},
      {"PATCH", p + "/actions/" + action, R"({"max_retries": 1})"},
      {"POST", p + "/actions/" + action, R"({"freezer_action": {"action": "info"}})"},
      {"GET", p + "/backups", ""},
      {"POST", p + "/backups", R"({"container": "c", "hostname": "h", "backup_name": "b"})"},
      {"GET", p + "/backups/" + backup, ""},
      {"PATCH", p + "/backups/" + backup, R"({"status": "error"})"},
      {"GET", p + "/clients", ""},
      {"POST", p + "/clients", R"({"client_id": "p1_other"})"},
      {"GET", p + "/clients/" + client, ""},
      {"GET", p + "/sessions", ""},
      {"POST", p + "/sessions", R"({"schedule": {}})"},
      {"GET", p + "/sessions/" + session, ""},
      {"PATCH", p + "/sessions/" + session, R"({"description": "x"})"},
      {"POST", p + "/sessions/" + session, R"({"session_tag": 0, "schedule": {}})"},
      {"PUT", p + "/sessions/" + session + "/jobs/" + job, ""},
      {"POST", p + "/sessions/" + session + "/action", R"({"start": {"job_id": ")" + job + R"(", "current_tag": 0}})"},
      {"DELETE", p + "/sessions/" + session + "/jobs/" + job, ""},
      {"DELETE", p + "/sessions/" + session, ""},
      {"DELETE", p + "/backups/" + backup, ""},
      {"DELETE", p + "/actions/" + action, ""},
      {"DELETE", p + "/jobs/" + job, ""},
      {"DELETE", p + "/clients/" + client, ""},
  };
  for (const auto& route : routes) {
    auto r = http->request(route.method, route.path, route.body);
    EXPECT_NE(r.status, 404) << route.method << " " << route.path << " " << r.body;
    EXPECT_NE(r.status, 405) << route.method << " " << route.path << " " << r.body;
    EXPECT_LT(r.status, 500) << route.method << " " << route.path << " " << r.body;
  }
}

}  // namespace
}  // namespace freezer::testing

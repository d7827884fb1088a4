// Every route of the upstream route table exists: with real resources in place, each
// method/path pair is answered by its handler (never the router's 404 or 405).
#include <gtest/gtest.h>

#include "tests/support/api_server.h"
#include "tests/support/upstream_routes.h"

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
  ExistingResources ids;
  ids.client_id = id_of(p + "/clients", R"({"client_id": "p1_node"})", "client_id");
  ids.job_id = id_of(
      p + "/jobs",
      R"({"client_id": "p1_node", "job_actions": [{"freezer_action": {"action": "backup"}}]})",
      "job_id");
  ids.action_id = id_of(p + "/actions", R"({"freezer_action": {"action": "backup"}})", "action_id");
  ids.session_id = id_of(p + "/sessions", R"({"schedule": {}})", "session_id");
  ids.backup_id = id_of(p + "/backups",
                        R"({"container": "c", "hostname": "h", "backup_name": "b"})", "backup_id");

  auto routes = upstream_routes("p1", ids);
  routes.insert(routes.begin(), {{"GET", "/", "", false},
                                 {"GET", "/healthcheck", "", false},
                                 {"HEAD", "/healthcheck", "", false},
                                 {"GET", "/v2", "", false},
                                 {"GET", "/v2/", "", false}});
  EXPECT_EQ(routes.size(), 36u);
  for (const auto& route : routes) {
    auto r = http->request(route.method, route.path, route.body);
    EXPECT_NE(r.status, 404) << route.method << " " << route.path << " " << r.body;
    EXPECT_NE(r.status, 405) << route.method << " " << route.path << " " << r.body;
    EXPECT_LT(r.status, 500) << route.method << " " << route.path << " " << r.body;
  }
}

}  // namespace
}  // namespace freezer::testing

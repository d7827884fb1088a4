// The route table and upstream's policy defaults (policy/default_rules.cc) describe the same
// API: each route's rule is a default documenting that route, and each operation a default
// documents is a route. A route naming a rule without a default stops the start.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "freezer_api/auth/authorization.h"
#include "freezer_api/call.h"
#include "policy/default_rules.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

using Operation = std::pair<std::string, std::string>;  // method, path template

TEST(RoutePolicy, RoutesAndTheDefaultRulesDescribeTheSameApi) {
  ApiServer server;
  std::map<std::string, std::set<Operation>> documented;  // rule -> operations
  std::set<Operation> all_documented;
  for (const auto& rule : policy::default_rules())
    for (const auto& [method, path] : rule.operations) {
      documented[rule.name].insert({method, path});
      all_documented.insert({method, path});
    }

  std::set<Operation> routed;
  std::set<std::string> guarding_rules;
  for (const auto& route : server.application().router().routes()) {
    for (const auto& [method, endpoint] : route.endpoints) {
      const Operation operation{std::string(api::http::method_name(method)), route.path_template};
      routed.insert(operation);
      if (route.access != api::http::Access::kAuthenticated) continue;  // versions, healthcheck
      if (endpoint.rule.empty()) {
        EXPECT_EQ(route.path_template, "/v2") << "only the home document needs no rule";
        continue;
      }
      guarding_rules.insert(endpoint.rule);
      ASSERT_TRUE(documented.count(endpoint.rule))
          << operation.first << " " << operation.second << " names rule " << endpoint.rule;
      EXPECT_TRUE(documented[endpoint.rule].count(operation))
          << "rule " << endpoint.rule << " does not document " << operation.first << " "
          << operation.second;
    }
  }
  for (const auto& operation : all_documented)
    EXPECT_TRUE(routed.count(operation)) << "a default documents " << operation.first << " "
                                         << operation.second << ", which is no route";
  // Every API rule guards a route, or is checked inside one (those listed here).
  const std::set<std::string> checked_in_handlers = {
      "clients:create_central", "jobs:get_all_projects", "jobs:get_credentials"};
  for (const auto& [rule, operations] : documented)
    EXPECT_TRUE(guarding_rules.count(rule) || checked_in_handlers.count(rule))
        << "rule " << rule << " guards nothing";
  EXPECT_GE(routed.size(), 30u);
}

TEST(RoutePolicy, ARouteNamingAnUnknownRuleStopsTheStart) {
  api::http::Router router;
  auto ok = [](api::Call&) { return api::http::Response::no_content(); };
  router.add(api::http::Method::kGet, "/v2/{project_id}/jobs", "jobs:get_all", ok);
  EXPECT_NO_THROW(api::require_known_route_rules(router));
  router.add(api::http::Method::kPost, "/v2/{project_id}/jobs/{job_id}/frobnicate",
             "jobs:frobnicate", ok);
  try {
    api::require_known_route_rules(router);
    FAIL() << "an unknown rule was accepted";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(),
                 "route POST /v2/{project_id}/jobs/{job_id}/frobnicate names policy rule "
                 "'jobs:frobnicate', which has no default");
  }
}

}  // namespace
}  // namespace freezer::testing

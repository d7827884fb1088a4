#include "freezer_api/http/router.h"

#include <gtest/gtest.h>

#include "freezer_api/call.h"

namespace freezer::api::http {
namespace {

Response ok(Call&) { return Response::json(200, "{}"); }

TEST(Router, MatchesTemplatesIgnoringTrailingSlash) {
  Router router;
  router.add(Method::kGet, "/v2/{project_id}/clients", "", ok);
  router.add(Method::kGet, "/v2/{project_id}/clients/{client_id}", "", ok);
  auto m = router.match(Method::kGet, "/v2/p1/clients/");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->access, Access::kAuthenticated);
  EXPECT_EQ(m.params.at("project_id"), "p1");
  m = router.match(Method::kGet, "/v2/p1/clients/node%201");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params.at("client_id"), "node 1");
  EXPECT_EQ(router.match(Method::kGet, "/v2//clients").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.match(Method::kGet, "/v2/p1").kind, RouteMatch::Kind::kNotFound);
}

TEST(Router, ReportsAllowedMethods) {
  Router router;
  router.add(Method::kPost, "/x", "", ok);
  router.add(Method::kGet, "/x", "", ok);
  auto m = router.match(Method::kDelete, "/x");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow_header(), "GET, OPTIONS, POST");
}

TEST(Router, RootIsItsOwnRoute) {
  Router router;
  router.add_public(Method::kGet, "/", ok);
  EXPECT_EQ(router.match(Method::kGet, "/").kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(router.match(Method::kGet, "/v2").kind, RouteMatch::Kind::kNotFound);
}

}  // namespace
}  // namespace freezer::api::http

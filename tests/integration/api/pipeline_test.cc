// Behaviour every route shares: errors, request ids, limits, connections, threading.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <future>
#include <regex>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

TEST(Pipeline, UnknownRouteIsJson404) {
  ApiServer server;
  auto http = server.client();
  for (const auto& path : {"/nothing", "/v2/p1/nothing", "/v2/p1/clients/a/b", "/v1/p1/jobs"}) {
    auto r = http->get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, R"({"title": "404 Not Found"})");
    EXPECT_EQ(r.header("content-type"), "application/json");
  }
}

TEST(Pipeline, WrongMethodIsJson405WithAllow) {
  ApiServer server;
  auto http = server.client();
  auto r = http->request("PUT", "/v2/p1/clients");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.body, R"({"title": "405 Method Not Allowed"})");
  EXPECT_EQ(r.header("allow"), "GET, OPTIONS, POST");
  r = http->request("PATCH", "/v2/p1/clients/c1");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "DELETE, GET, OPTIONS");
  r = http->request("POST", "/", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, OPTIONS");
}

TEST(Pipeline, OptionsListsTheMethods) {
  ApiServer server;
  auto r = server.client()->request("OPTIONS", "/v2/p1/clients/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("allow"), "GET, OPTIONS, POST");
  EXPECT_EQ(r.body, "");
}

TEST(Pipeline, RequestIdIsEchoedWithPrefixOrGenerated) {
  ApiServer server;
  auto http = server.client();
  auto r = http->request("GET", "/v2/p1/clients", "", {"X-Openstack-Request-Id: abc"});
  EXPECT_EQ(r.header("x-openstack-request-id"), "req-abc");
  r = http->request("GET", "/v2/p1/clients", "", {"X-Openstack-Request-Id: req-xyz"});
  EXPECT_EQ(r.header("x-openstack-request-id"), "req-xyz");
  r = http->get("/v2/p1/clients/missing");
  EXPECT_TRUE(std::regex_match(
      r.header("x-openstack-request-id"),
      std::regex("req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")))
      << r.header("x-openstack-request-id");
  // Errors carry it too; the unauthenticated routes do not.
  EXPECT_TRUE(http->get("/v2/p1/clients/?limit=x").has_header("x-openstack-request-id"));
  EXPECT_FALSE(http->get("/").has_header("x-openstack-request-id"));
  EXPECT_FALSE(http->get("/healthcheck").has_header("x-openstack-request-id"));
}

TEST(Pipeline, BodyOverTheLimitIs413) {
  ApiServer server("[oslo_middleware]\nmax_request_body_size = 2048\n");
  auto http = server.client();
  std::string body = R"({"client_id": "big", "description": ")" + std::string(3000, 'x') + "\"}";
  auto r = http->post("/v2/p1/clients", body);
  EXPECT_EQ(r.status, 413);
  EXPECT_STREQ(parse(r.body)["title"].GetString(), "Request Entity Too Large");
  // Just under the limit is served (and then validated: the description is too long).
  body = R"({"client_id": "big", "description": ")" + std::string(2000, 'x') + "\"}";
  EXPECT_EQ(http->post("/v2/p1/clients", body).status, 400);
  EXPECT_EQ(http->post("/v2/p1/clients", R"({"client_id": "small"})").status, 201);
}

TEST(Pipeline, DefaultBodyLimitIsOneMebibyte) {
  ApiServer server;
  auto http = server.client();
  std::string over = R"({"client_id": "big", "description": ")" + std::string(1 << 20, 'x') + "\"}";
  EXPECT_EQ(http->post("/v2/p1/clients", over).status, 413);
  std::string under =
      R"({"client_id": "big", "description": ")" + std::string(1000000, 'x') + "\"}";
  EXPECT_EQ(http->post("/v2/p1/clients", under).status, 400);  // read, then refused by the schema
}

TEST(Pipeline, Http11ConnectionsStayOpenWithoutKeepAliveHeader) {
  ApiServer server;
  auto http = server.client();  // libcurl sends no Connection header
  for (int i = 0; i < 5; ++i) {
    auto r = http->get("/v2/p1/clients");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("connection"), "keep-alive");
  }
  EXPECT_EQ(http->connections_opened(), 1);
  auto closing = http->request("GET", "/v2/p1/clients", "", {"Connection: close"});
  EXPECT_EQ(closing.header("connection"), "close");
  // The server did close it: the next request needs a new connection.
  EXPECT_EQ(http->get("/v2/p1/clients").status, 200);
  EXPECT_EQ(http->connections_opened(), 2);
}

TEST(Pipeline, ASlowDatabaseWriteDoesNotStallOtherRequests) {
  ApiServer server("[database]\nbusy_timeout_ms = 3000\n");
  SKIP_UNLESS_SQLITE(server);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(server.database_path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);

  auto base = server.base_url();
  auto blocked = std::async(std::launch::async, [base] {
    HttpClient http(base);
    return http.post("/v2/p1/clients", R"({"client_id": "waiting"})").status;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto http = server.client();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(http->get("/").status, 300);
  EXPECT_EQ(http->get("/v2").status, 200);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_LT(elapsed, std::chrono::milliseconds(1000));
  EXPECT_EQ(blocked.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
      << "the write should still be waiting for the lock";

  ASSERT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  EXPECT_EQ(blocked.get(), 201);
}

TEST(Pipeline, DatabaseLockedPastTheTimeoutIs503) {
  ApiServer server("[database]\nbusy_timeout_ms = 300\n");
  SKIP_UNLESS_SQLITE(server);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(server.database_path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = server.client()->post("/v2/p1/clients", R"({"client_id": "n1"})");
  EXPECT_EQ(r.status, 503);
  EXPECT_STREQ(parse(r.body)["title"].GetString(), "Service Unavailable");
  sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(server.client()->post("/v2/p1/clients", R"({"client_id": "n1"})").status, 201);
}

TEST(Pipeline, ClientsThatAcceptNoJsonGet406) {
  ApiServer server;
  auto http = server.client();
  auto html = http->request("GET", "/v2/p1/clients", "", {"Accept: text/html"});
  EXPECT_EQ(html.status, 406);
  EXPECT_EQ(html.body, "");
  for (const auto& accept :
       {"application/json", "*/*", "application/*", "text/html, application/json;q=0.5"})
    EXPECT_EQ(http->request("GET", "/v2/p1/clients", "", {std::string("Accept: ") + accept}).status,
              200)
        << accept;
}

TEST(Pipeline, ProjectIdLongerThanAnyColumnIs400) {
  ApiServer server;
  auto r =
      server.client()->post("/v2/" + std::string(65, 'p') + "/clients", R"({"client_id": "n"})");
  EXPECT_EQ(r.status, 400);
}

TEST(Pipeline, NoAuthContextComesFromHeadersWithUrlProjectFallback) {
  ApiServer server;
  auto http = server.client();
  ASSERT_EQ(http->request("POST", "/v2/p9/clients", R"({"client_id": "who"})", {"X-User-Id: alice"})
                .status,
            201);
  auto doc = parse(http->get("/v2/p9/clients/who").body);
  EXPECT_STREQ(doc["user_id"].GetString(), "alice");
  EXPECT_STREQ(doc["project_id"].GetString(), "p9");
}

}  // namespace
}  // namespace freezer::testing

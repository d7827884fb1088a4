// Versions, health and the JSON-home document.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

TEST(ServiceRoutes, RootListsVersionsWith300) {
  ApiServer server;
  auto r = server.client()->get("/");
  EXPECT_EQ(r.status, 300);
  auto doc = parse(r.body);
  const auto& v = doc["versions"][0];
  EXPECT_STREQ(v["id"].GetString(), "v2");
  EXPECT_STREQ(v["status"].GetString(), "CURRENT");
  EXPECT_TRUE(v.HasMember("updated"));
  EXPECT_EQ(std::string(v["links"][0]["href"].GetString()), server.base_url() + "/v2/");
  EXPECT_STREQ(v["links"][0]["rel"].GetString(), "self");
  EXPECT_EQ(v.MemberCount(), 4u);
}

TEST(ServiceRoutes, HomeDocumentWithAndWithoutSlash) {
  ApiServer server;
  auto http = server.client();
  for (const auto& path : {"/v2", "/v2/"}) {
    auto r = http->get(path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "application/json-home");
    auto doc = parse(r.body);
    const auto& backups = doc["resources"]["rel/backups"];
    EXPECT_STREQ(backups["href-template"].GetString(), "/v2/{project_id}/backups/{backup_id}");
    EXPECT_STREQ(backups["href-vars"]["project_id"].GetString(), "param/project_id");
    EXPECT_STREQ(backups["href-vars"]["backup_id"].GetString(), "param/backup_id");
    EXPECT_STREQ(backups["hints"]["allow"][0].GetString(), "GET");
    EXPECT_TRUE(backups["hints"]["formats"].HasMember("application/json"));
    EXPECT_STREQ(doc["resources"]["rel/jobs"]["href-template"].GetString(),
                 "/v2/{project_id}/jobs{?all_projects,offset,limit}");
    EXPECT_EQ(doc["resources"]["rel/job"]["hints"]["allow"].Size(), 4u);
  }
}

TEST(ServiceRoutes, HealthcheckReportsOk) {
  ApiServer server;
  auto http = server.client();
  auto r = http->get("/healthcheck");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "OK");
  EXPECT_EQ(r.header("content-type"), "text/plain; charset=UTF-8");
  r = http->request("GET", "/healthcheck", "", {"Accept: application/json"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"detailed":false,"reasons":["OK"]})");
  r = http->request("HEAD", "/healthcheck");
  EXPECT_EQ(r.status, 204);
}

TEST(ServiceRoutes, HealthcheckIs503WhenDisabledByFile) {
  char path[] = "/tmp/freezer-disable-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  ApiServer server(std::string("[healthcheck]\ndisable_by_file_path = ") + path + "\n");
  auto http = server.client();
  auto r = http->get("/healthcheck");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "DISABLED BY FILE");
  EXPECT_EQ(http->request("HEAD", "/healthcheck").status, 503);
  unlink(path);
  EXPECT_EQ(http->get("/healthcheck").status, 200);
}

TEST(ServiceRoutes, HealthcheckIs503WhenTheDatabaseIsNotUsable) {
  ApiServer server;
  SKIP_UNLESS_SQLITE(server);
  auto http = server.client();
  ASSERT_EQ(http->get("/healthcheck").status, 200);
  // Somebody removes the schema under the running service.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(server.database_path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "DROP TABLE freezer_schema_migrations", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(other);
  auto r = http->request("GET", "/healthcheck", "", {"Accept: application/json"});
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("DATABASE SCHEMA AT VERSION 0"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace freezer::testing

namespace freezer::testing {
namespace {

std::string version_link(ApiServer& server, const std::vector<std::string>& headers) {
  auto r = server.client()->request("GET", "/", "", headers);
  EXPECT_EQ(r.status, 300);
  auto body = parse(r.body);
  return body["versions"][0]["links"][0]["href"].GetString();
}

TEST(ProxyHeaders, AreIgnoredUnlessEnabled) {
  ApiServer server;
  EXPECT_EQ(version_link(server, {"X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example",
                                  "Forwarded: proto=https;host=evil.example"}),
            server.base_url() + "/v2/");
}

TEST(ProxyHeaders, WhenEnabledLinksAreThoseTheClientUsed) {
  ApiServer server("[oslo_middleware]\nenable_proxy_headers_parsing = true\n");
  EXPECT_EQ(version_link(server, {"X-Forwarded-Proto: https", "X-Forwarded-Host: api.example.org",
                                  "X-Forwarded-Prefix: /backup/"}),
            "https://api.example.org/backup/v2/");
  // RFC 7239 wins over the X- headers; the first element is the proxy nearest the client.
  EXPECT_EQ(
      version_link(server, {"Forwarded: for=192.0.2.1;proto=HTTPS;host=\"cloud.example:8443\", "
                            "for=10.0.0.1;proto=http;host=inner",
                            "X-Forwarded-Proto: http"}),
      "https://cloud.example:8443/v2/");
  // Values that cannot be links are dropped, not echoed.
  EXPECT_EQ(version_link(server, {"X-Forwarded-Proto: javascript", "X-Forwarded-Host: a\"b<c>"}),
            server.base_url() + "/v2/");
}

}  // namespace
}  // namespace freezer::testing

// Authentication against a real Keystone (tests/services/keystone.sh) and authorization with
// the default policy, through the real HTTP interface.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "common/http_client.h"
#include "freezer_api/auth/keystone_context_builder.h"
#include "tests/support/api_server.h"
#include "tests/support/keystone_env.h"
#include "tests/support/upstream_routes.h"

namespace freezer::testing {
namespace {

class KeystoneAuth : public ::testing::Test {
 protected:
  KeystoneEnv ks_;
  ApiServer server_{ks_.api_config()};
  std::unique_ptr<HttpClient> http_ = server_.client();

  HttpResult as(const std::string& token, const std::string& method, const std::string& path,
                const std::string& body = "") {
    return http_->request(method, path, body,
                          {"X-Auth-Token: " + token, "Content-Type: application/json"});
  }
  long validations() {
    return dynamic_cast<api::KeystoneContextBuilder&>(server_.auth()).validations();
  }
  // Tokens issued for an application credential expire with it: one that expires in a few
  // seconds gives a real short-lived token of demo's in demo's project.
  std::pair<std::string, std::chrono::system_clock::time_point> short_lived_token() {
    auto demo = ks_.token("demo", "demo");
    std::time_t soon = std::time(nullptr) + 4;
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S.000000Z", std::gmtime(&soon));
    auto credential = ks_.call(
        "POST", "/users/" + ks_.id("DEMO_USER_ID") + "/application_credentials", demo,
        R"({"application_credential": {"name": "short-)" + std::to_string(soon) +
            std::to_string(++short_lived_tokens_) + R"(", "expires_at": ")" + when + R"("}})");
    EXPECT_EQ(credential.status, 201) << credential.body;
    auto doc = parse(credential.body);
    common::HttpClient raw;
    auto issued = raw.request(
        "POST", ks_.url() + "/auth/tokens?nocatalog", {"Content-Type: application/json"},
        R"({"auth": {"identity": {"methods": ["application_credential"], "application_credential": {"id": ")" +
            std::string(doc["application_credential"]["id"].GetString()) + R"(", "secret": ")" +
            doc["application_credential"]["secret"].GetString() + R"("}}}})");
    EXPECT_EQ(issued.status, 201) << issued.body;
    return {issued.header("x-subject-token"), std::chrono::system_clock::from_time_t(soon)};
  }
  int short_lived_tokens_ = 0;
  // A client, job, action, session and backup in `project`, made by `token`'s user.
  ExistingResources populate(const std::string& token, const std::string& project) {
    ExistingResources ids;
    const std::string p = "/v2/" + project;
    auto make = [&](const std::string& path, const std::string& body, const char* key) {
      auto r = as(token, "POST", p + path, body);
      EXPECT_EQ(r.status, 201) << path << " " << r.body;
      return std::string(parse(r.body)[key].GetString());
    };
    ids.client_id = make("/clients/", R"({"client_id": ")" + project + R"(_node"})", "client_id");
    ids.job_id = make("/jobs/",
                      R"({"client_id": ")" + ids.client_id +
                          R"(", "job_actions": [{"freezer_action": {"action": "backup"}}]})",
                      "job_id");
    ids.action_id = make("/actions/", R"({"freezer_action": {"action": "backup"}})", "action_id");
    ids.session_id = make("/sessions/", R"({"schedule": {}})", "session_id");
    ids.backup_id = make("/backups/", R"({"container": "c", "hostname": "h", "backup_name": "b"})",
                         "backup_id");
    return ids;
  }
};

TEST_F(KeystoneAuth, NoTokenIs401WithWwwAuthenticate) {
  auto r = http_->get("/v2/" + ks_.id("DEMO_PROJECT_ID") + "/jobs");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(
      r.body,
      R"({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}})");
  EXPECT_EQ(r.header("www-authenticate"), "Keystone uri=\"" + ks_.root_url() + "\"");
  EXPECT_FALSE(r.has_header("x-openstack-request-id"));
  // Unknown routes and /v2 need a token too; / and /healthcheck do not.
  EXPECT_EQ(http_->get("/v2").status, 401);
  EXPECT_EQ(http_->get("/nothing").status, 401);
  EXPECT_EQ(http_->get("/").status, 300);
  EXPECT_EQ(http_->get("/healthcheck").status, 200);
}

TEST_F(KeystoneAuth, ValidTokenBuildsTheContext) {
  auto token = ks_.token("demo", "demo");
  const std::string p = "/v2/" + ks_.id("DEMO_PROJECT_ID");
  auto created = as(token, "POST", p + "/clients/", R"({"client_id": "who"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_TRUE(created.has_header("x-openstack-request-id"));
  auto shown = parse(as(token, "GET", p + "/clients/who").body);
  EXPECT_EQ(shown["user_id"].GetString(), ks_.id("DEMO_USER_ID"));
  EXPECT_EQ(as(token, "GET", "/v2").status, 200);
  // Identity headers sent by the caller are ignored once a token is validated.
  auto spoofed = http_->request("GET", p + "/clients/who", "",
                                {"X-Auth-Token: " + token, "X-Roles: admin", "X-User-Id: mallory"});
  EXPECT_EQ(spoofed.status, 200);
  auto other = http_->request("GET", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/clients", "",
                              {"X-Auth-Token: " + token, "X-Roles: admin"});
  EXPECT_EQ(other.status, 403);
}

TEST_F(KeystoneAuth, InvalidAndRevokedTokensAre401) {
  const std::string p = "/v2/" + ks_.id("DEMO_PROJECT_ID");
  EXPECT_EQ(as("not-a-token", "GET", p + "/jobs").status, 401);
  auto admin = ks_.token("admin", "admin");
  auto fresh = ks_.token("demo", "demo");
  common::HttpClient raw;
  auto revoked = raw.request("DELETE", ks_.url() + "/auth/tokens",
                             {"X-Auth-Token: " + admin, "X-Subject-Token: " + fresh});
  ASSERT_EQ(revoked.status, 204) << revoked.body;
  auto after = as(fresh, "GET", p + "/jobs");
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(after.header("www-authenticate").find("Keystone uri="), std::string::npos);
}

TEST_F(KeystoneAuth, ExpiredTokenIs401) {
  // The cached validation must end at the token's expires_at.
  auto [token, expiry] = short_lived_token();
  const std::string p = "/v2/" + ks_.id("DEMO_PROJECT_ID");
  EXPECT_EQ(as(token, "GET", p + "/jobs").status, 200);
  std::this_thread::sleep_until(expiry + std::chrono::seconds(1));
  auto expired = as(token, "GET", p + "/jobs");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.header("www-authenticate").find("Keystone uri="), std::string::npos);
}

TEST_F(KeystoneAuth, MemberCannotTouchAnotherProject) {
  auto alt = ks_.token("alt", "alt");
  const std::string alt_project = ks_.id("ALT_PROJECT_ID");
  auto ids = populate(alt, alt_project);
  auto demo = ks_.token("demo", "demo");
  for (const auto& route : upstream_routes(alt_project, ids)) {
    auto r = as(demo, route.method, route.path, route.body);
    EXPECT_EQ(r.status, 403) << route.method << " " << route.path << " " << r.body;
    EXPECT_STREQ(parse(r.body)["title"].GetString(), "Access Forbidden");
  }
  // Everything of alt's is still there.
  for (const auto& path :
       {"/jobs/" + ids.job_id, "/actions/" + ids.action_id, "/sessions/" + ids.session_id,
        "/backups/" + ids.backup_id, "/clients/" + ids.client_id})
    EXPECT_EQ(as(alt, "GET", "/v2/" + alt_project + path).status, 200) << path;
  // And alt may do everything in its own project.
  for (const auto& route : upstream_routes(alt_project, ids)) {
    auto r = as(alt, route.method, route.path, route.body);
    EXPECT_LT(r.status, 300) << route.method << " " << route.path << " " << r.body;
  }
}

TEST_F(KeystoneAuth, ReaderReadsButDoesNotWrite) {
  const std::string demo_project = ks_.id("DEMO_PROJECT_ID");
  auto ids = populate(ks_.token("demo", "demo"), demo_project);
  auto reader = ks_.token("reader", "demo");
  for (const auto& route : upstream_routes(demo_project, ids)) {
    auto r = as(reader, route.method, route.path, route.body);
    if (route.write) {
      EXPECT_EQ(r.status, 403) << route.method << " " << route.path;
    } else {
      EXPECT_EQ(r.status, 200) << route.method << " " << route.path << " " << r.body;
    }
  }
}

TEST_F(KeystoneAuth, ServiceRoleReadsEverywhereAndWritesOnlyBackups) {
  const std::string demo_project = ks_.id("DEMO_PROJECT_ID");
  auto ids = populate(ks_.token("demo", "demo"), demo_project);
  auto svc = ks_.token("svc", "service");
  for (const auto& route : upstream_routes(demo_project, ids)) {
    auto r = as(svc, route.method, route.path, route.body);
    const bool backup_write = route.write && route.path.find("/backups") != std::string::npos;
    if (!route.write || backup_write) {
      EXPECT_LT(r.status, 300) << route.method << " " << route.path << " " << r.body;
    } else {
      EXPECT_EQ(r.status, 403) << route.method << " " << route.path;
    }
  }
}

TEST_F(KeystoneAuth, AdminActsInAnyProject) {
  const std::string demo_project = ks_.id("DEMO_PROJECT_ID");
  auto ids = populate(ks_.token("demo", "demo"), demo_project);
  auto admin = ks_.token("admin", "admin");
  for (const auto& route : upstream_routes(demo_project, ids)) {
    auto r = as(admin, route.method, route.path, route.body);
    EXPECT_LT(r.status, 300) << route.method << " " << route.path << " " << r.body;
  }
}

TEST_F(KeystoneAuth, RepeatedRequestsWithOneTokenValidateOnce) {
  auto token = ks_.token("demo", "demo");
  const std::string p = "/v2/" + ks_.id("DEMO_PROJECT_ID");
  const long before = validations();
  for (int i = 0; i < 200; ++i) ASSERT_EQ(as(token, "GET", p + "/jobs").status, 200);
  EXPECT_EQ(validations() - before, 1);
  auto other = ks_.token("demo", "demo");
  ASSERT_EQ(as(other, "GET", p + "/jobs").status, 200);
  EXPECT_EQ(validations() - before, 2);
}

TEST_F(KeystoneAuth, PolicyFileOverrideTakesEffectWithoutRestart) {
  auto token = ks_.token("demo", "demo");
  const std::string p = "/v2/" + ks_.id("DEMO_PROJECT_ID");
  ASSERT_EQ(as(token, "GET", p + "/clients").status, 200);
  {
    std::ofstream policy(server_.directory() / "policy.yaml");
    policy << "\"clients:get_all\": \"role:admin\"\n";
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(as(token, "GET", p + "/clients").status, 403);
  EXPECT_EQ(as(token, "GET", p + "/jobs").status, 200);
  {
    std::ofstream policy(server_.directory() / "policy.yaml");
    policy << "\"clients:get_all\": \"rule:admin_or_reader_or_service\"\n";
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(as(token, "GET", p + "/clients").status, 200);
}

// Stops Keystone, so ctest runs the Keystone tests one at a time (RESOURCE_LOCK).
TEST_F(KeystoneAuth, KeystoneDownCachedTokensWorkOthersAre503) {
  auto cached = ks_.token("demo", "demo");
  auto uncached = ks_.token("alt", "alt");
  const std::string p = "/v2/" + ks_.id("DEMO_PROJECT_ID");
  ASSERT_EQ(as(cached, "GET", p + "/jobs").status, 200);
  const std::string script = std::string(FREEZER_SOURCE_DIR) + "/tests/services/keystone.sh";
  ASSERT_EQ(std::system((script + " stop >/dev/null").c_str()), 0);
  EXPECT_EQ(as(cached, "GET", p + "/jobs").status, 200);
  auto down = as(uncached, "GET", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/jobs");
  EXPECT_EQ(down.status, 503);
  EXPECT_NE(down.body.find("\"code\": 503"), std::string::npos) << down.body;
  ASSERT_EQ(std::system((script + " start >/dev/null").c_str()), 0);
  EXPECT_EQ(as(uncached, "GET", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/jobs").status, 200);
}

}  // namespace
}  // namespace freezer::testing

namespace freezer::testing {
namespace {

// Every route of the API × every kind of caller, on a project's resources made afresh for each
// caller (so that writes and deletes find what they act on).
class IsolationMatrix : public KeystoneAuth {
 protected:
  enum class Expect { kAll, kNone, kReadsOnly, kReadsAndBackups, kUnauthenticated };

  void check(const std::string& who, const std::string& token, Expect expect) {
    const std::string project = ks_.id("DEMO_PROJECT_ID");
    auto ids = populate(ks_.token("demo", "demo"), project);
    for (const auto& route : upstream_routes(project, ids)) {
      auto r = token.empty() ? http_->request(route.method, route.path, route.body,
                                              {"Content-Type: application/json"})
                             : as(token, route.method, route.path, route.body);
      const bool backup_write = route.write && route.path.find("/backups") != std::string::npos;
      int want = 0;  // 0: any success
      switch (expect) {
        case Expect::kAll:
          break;
        case Expect::kNone:
          want = 403;
          break;
        case Expect::kReadsOnly:
          want = route.write ? 403 : 0;
          break;
        case Expect::kReadsAndBackups:
          want = route.write && !backup_write ? 403 : 0;
          break;
        case Expect::kUnauthenticated:
          want = 401;
          break;
      }
      if (want == 0) {
        EXPECT_LT(r.status, 300) << who << ": " << route.method << " " << route.path << " "
                                 << r.body;
      } else {
        EXPECT_EQ(r.status, want) << who << ": " << route.method << " " << route.path << " "
                                  << r.body;
        EXPECT_NO_THROW(parse(r.body)) << r.body;
      }
    }
  }
};

TEST_F(IsolationMatrix, EveryRouteAnswersEachCallerAsThePolicySays) {
  auto [expiring, expiry] = short_lived_token();  // used last, once it has expired
  EXPECT_EQ(as(expiring, "GET", "/v2/" + ks_.id("DEMO_PROJECT_ID") + "/jobs").status, 200);
  check("owner (member)", ks_.token("demo", "demo"), Expect::kAll);
  check("another project's member", ks_.token("alt", "alt"), Expect::kNone);
  check("reader", ks_.token("reader", "demo"), Expect::kReadsOnly);
  check("admin", ks_.token("admin", "admin"), Expect::kAll);
  check("service", ks_.token("svc", "service"), Expect::kReadsAndBackups);
  check("no token", "", Expect::kUnauthenticated);
  check("invalid token", "not-a-token", Expect::kUnauthenticated);

  auto revoked = ks_.token("demo", "demo");
  common::HttpClient raw;
  ASSERT_EQ(
      raw.request("DELETE", ks_.url() + "/auth/tokens",
                  {"X-Auth-Token: " + ks_.token("admin", "admin"), "X-Subject-Token: " + revoked})
          .status,
      204);
  check("revoked token", revoked, Expect::kUnauthenticated);

  // A trust from demo to the freezer service user on demo's project, delegating member: the
  // trustee acts as a member there, and nowhere else.
  auto demo = ks_.token("demo", "demo");
  auto trust = ks_.call("POST", "/OS-TRUST/trusts", demo,
                        R"({"trust": {"trustor_user_id": ")" + ks_.id("DEMO_USER_ID") +
                            R"(", "trustee_user_id": ")" + ks_.id("FREEZER_USER_ID") +
                            R"(", "project_id": ")" + ks_.id("DEMO_PROJECT_ID") +
                            R"(", "roles": [{"name": "member"}], "impersonation": false}})");
  ASSERT_EQ(trust.status, 201) << trust.body;
  const std::string trust_id = parse(trust.body)["trust"]["id"].GetString();
  auto trust_token = ks_.trust_token("freezer", trust_id);
  check("trust-scoped token", trust_token, Expect::kAll);
  auto elsewhere = as(trust_token, "GET", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/jobs");
  EXPECT_EQ(elsewhere.status, 403);
  ks_.call("DELETE", "/OS-TRUST/trusts/" + trust_id, demo);

  std::this_thread::sleep_until(expiry + std::chrono::seconds(1));
  check("expired token", expiring, Expect::kUnauthenticated);
}

}  // namespace
}  // namespace freezer::testing

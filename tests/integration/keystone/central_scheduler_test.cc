// The centralized scheduler's API side against a real Keystone: central clients, trusts for
// their jobs (created, reused, exposed, deleted), all_projects, and trust ids encrypted at rest.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <set>

#include "common/credential_cipher.h"
#include "tests/support/api_server.h"
#include "tests/support/keystone_env.h"
#include "tests/support/log_capture.h"

namespace freezer::testing {
namespace {

std::string temp_key_file() {
  char pattern[] = "/tmp/freezer-keys-XXXXXX";
  int fd = mkstemp(pattern);
  close(fd);
  std::filesystem::remove(pattern);
  common::CredentialCipher::add_key(pattern);
  return pattern;
}

class CentralScheduler : public ::testing::Test {
 protected:
  KeystoneEnv ks_;
  std::string key_file_ = temp_key_file();
  ApiServer server_{ks_.api_config() +
                    "[centralized_scheduler]\ncredentials_key_file = " + key_file_ + "\n"};
  std::unique_ptr<HttpClient> http_ = server_.client();
  std::string demo_ = ks_.token("demo", "demo");
  std::string admin_ = ks_.token("admin", "admin");
  std::string demo_project_ = ks_.id("DEMO_PROJECT_ID");

  ~CentralScheduler() override { std::filesystem::remove(key_file_); }

  HttpResult as(const std::string& token, const std::string& method, const std::string& path,
                const std::string& body = "") {
    return http_->request(method, path, body,
                          {"X-Auth-Token: " + token, "Content-Type: application/json"});
  }
  void register_central(const std::string& client_id, const std::string& modes) {
    auto r = as(admin_, "POST", "/v2/" + ks_.id("ADMIN_PROJECT_ID") + "/clients/",
                R"({"client_id": ")" + client_id +
                    R"(", "hostname": "central", "is_central": true, "supported_modes": )" + modes +
                    "}");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  HttpResult post_job(const std::string& token, const std::string& client_id,
                      const std::string& mode) {
    return as(token, "POST", "/v2/" + demo_project_ + "/jobs/",
              R"({"client_id": ")" + client_id +
                  R"(", "job_actions": [{"freezer_action": {"action": "backup", "mode": ")" + mode +
                  R"("}}]})");
  }
  std::string create_job(const std::string& client_id, const std::string& mode) {
    auto r = post_job(demo_, client_id, mode);
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["job_id"].GetString();
  }
  rapidjson::Document job(const std::string& token, const std::string& id) {
    auto r = as(token, "GET", "/v2/" + demo_project_ + "/jobs/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return parse(r.body);
  }
  // demo's live trusts to the freezer service user (other tests may leave expired ones).
  std::vector<std::string> demo_trusts() {
    auto r = ks_.call("GET",
                      "/OS-TRUST/trusts?trustor_user_id=" + ks_.id("DEMO_USER_ID") +
                          "&trustee_user_id=" + ks_.id("FREEZER_USER_ID"),
                      demo_);
    std::vector<std::string> ids;
    auto doc = parse(r.body);
    for (const auto& t : doc["trusts"].GetArray())
      if (t["expires_at"].IsNull()) ids.emplace_back(t["id"].GetString());
    return ids;
  }
  std::string column(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(server_.database_path().c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }
  void SetUp() override { remove_demo_trusts(); }
  void TearDown() override { remove_demo_trusts(); }
  // Each test starts and ends without trusts of demo's.
  void remove_demo_trusts() {
    for (const auto& id : demo_trusts()) ks_.call("DELETE", "/OS-TRUST/trusts/" + id, demo_);
  }
};

TEST_F(CentralScheduler, OnlyAdminOrServiceRegisterCentralClients) {
  const std::string body = R"({"client_id": "sched-x", "hostname": "h", "is_central": true})";
  EXPECT_EQ(as(demo_, "POST", "/v2/" + demo_project_ + "/clients/", body).status, 403);
  EXPECT_EQ(as(ks_.token("svc", "service"), "POST",
               "/v2/" + ks_.id("SERVICE_PROJECT_ID") + "/clients/", body)
                .status,
            403);
  EXPECT_EQ(as(ks_.token("freezer", "service"), "POST",
               "/v2/" + ks_.id("SERVICE_PROJECT_ID") + "/clients/", body)
                .status,
            201);
  EXPECT_EQ(as(admin_, "POST", "/v2/" + ks_.id("ADMIN_PROJECT_ID") + "/clients/",
               R"({"client_id": "sched-y", "hostname": "h", "is_central": true})")
                .status,
            201);
  // Visible to every project.
  EXPECT_EQ(as(demo_, "GET", "/v2/" + demo_project_ + "/clients/sched-y").status, 200);
}

TEST_F(CentralScheduler, JobsOfCentralClientsRunUnderOneTrustOfTheirCreator) {
  register_central("central-all", R"(["fs", "cindernative"])");
  auto first = create_job("central-all", "fs");
  auto first_job = job(demo_, first);
  const auto& creds = first_job["user_credentials"];
  std::string trust_id = creds["trust_id"].GetString();
  EXPECT_EQ(creds["trustor_user_id"].GetString(), ks_.id("DEMO_USER_ID"));

  auto trust = ks_.call("GET", "/OS-TRUST/trusts/" + trust_id, demo_);
  ASSERT_EQ(trust.status, 200) << trust.body;
  auto trust_doc = parse(trust.body);
  const auto& t = trust_doc["trust"];
  EXPECT_EQ(t["trustor_user_id"].GetString(), ks_.id("DEMO_USER_ID"));
  EXPECT_EQ(t["trustee_user_id"].GetString(), ks_.id("FREEZER_USER_ID"));
  EXPECT_EQ(t["project_id"].GetString(), demo_project_);
  EXPECT_FALSE(t["impersonation"].GetBool());
  ASSERT_EQ(t["roles"].Size(), 1u);
  EXPECT_STREQ(t["roles"][0]["name"].GetString(), "member");

  auto second = create_job("central-all", "cindernative");
  EXPECT_EQ(job(demo_, second)["user_credentials"]["trust_id"].GetString(), trust_id);
  EXPECT_EQ(demo_trusts().size(), 1u);

  // The scheduler (the trustee) can act in the job's project through it.
  auto trust_token = ks_.trust_token("freezer", trust_id);
  auto listed = as(trust_token, "GET", "/v2/" + demo_project_ + "/jobs/?limit=100");
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(parse(listed.body)["jobs"].Size(), 2u);
}

TEST_F(CentralScheduler, CredentialsAreShownToTheTrustorAdminAndServiceOnly) {
  register_central("central-all", R"(["fs"])");
  auto id = create_job("central-all", "fs");
  EXPECT_TRUE(job(demo_, id).HasMember("user_credentials"));
  EXPECT_TRUE(job(admin_, id).HasMember("user_credentials"));
  EXPECT_TRUE(job(ks_.token("svc", "service"), id).HasMember("user_credentials"));
  EXPECT_FALSE(job(ks_.token("reader", "demo"), id).HasMember("user_credentials"));
  auto list = parse(as(ks_.token("reader", "demo"), "GET", "/v2/" + demo_project_ + "/jobs").body);
  EXPECT_FALSE(list["jobs"][0].HasMember("user_credentials"));
}

TEST_F(CentralScheduler, RefusedJobsCreateNoTrust) {
  register_central("central-cinder", R"(["cindernative"])");
  auto fs = post_job(demo_, "central-cinder", "fs");
  EXPECT_EQ(fs.status, 422);
  EXPECT_STREQ(parse(fs.body)["description"].GetString(),
               "Client central-cinder does not support mode: fs");
  EXPECT_EQ(as(demo_, "POST", "/v2/" + demo_project_ + "/jobs/",
               R"({"client_id": "central-cinder", "job_actions": 3})")
                .status,
            400);
  EXPECT_TRUE(demo_trusts().empty());
  auto cinder = post_job(demo_, "central-cinder", "cindernative");
  EXPECT_EQ(cinder.status, 201) << cinder.body;
  EXPECT_EQ(demo_trusts().size(), 1u);
}

TEST_F(CentralScheduler, ClientSuppliedCredentialsAreIgnored) {
  register_central("central-all", R"(["fs"])");
  auto r = as(
      demo_, "POST", "/v2/" + demo_project_ + "/jobs/",
      R"({"client_id": "central-all", "user_credentials": {"trust_id": "forged", "trustor_user_id": "someone"},
                  "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs"}}]})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto created = job(demo_, parse(r.body)["job_id"].GetString());
  const auto& creds = created["user_credentials"];
  EXPECT_STRNE(creds["trust_id"].GetString(), "forged");
  EXPECT_EQ(creds["trustor_user_id"].GetString(), ks_.id("DEMO_USER_ID"));
}

TEST_F(CentralScheduler, DeletingTheLastJobDeletesTheTrust) {
  register_central("central-all", R"(["fs"])");
  auto first = create_job("central-all", "fs");
  auto second = create_job("central-all", "fs");
  std::string trust_id = job(demo_, first)["user_credentials"]["trust_id"].GetString();
  ASSERT_EQ(as(demo_, "DELETE", "/v2/" + demo_project_ + "/jobs/" + first).status, 204);
  EXPECT_EQ(ks_.call("GET", "/OS-TRUST/trusts/" + trust_id, demo_).status, 200);
  ASSERT_EQ(as(demo_, "DELETE", "/v2/" + demo_project_ + "/jobs/" + second).status, 204);
  EXPECT_EQ(ks_.call("GET", "/OS-TRUST/trusts/" + trust_id, demo_).status, 404);
}

// What a trust gives (its id, with the trustee's password) must not leak into the logs, at
// debug level, through a trust's whole life, nor into error bodies.
TEST_F(CentralScheduler, TrustIdsAndPasswordsNeverReachTheLogs) {
  LogCapture logs;
  register_central("central-all", R"(["fs"])");
  auto first = create_job("central-all", "fs");
  std::string trust_id = job(demo_, first)["user_credentials"]["trust_id"].GetString();
  auto refused = as(
      demo_, "POST", "/v2/" + demo_project_ + "/jobs/",
      R"({"client_id": "central-all", "job_actions": [{"freezer_action": {"action": "backup", "mode": "mysql"}}]})");
  EXPECT_GE(refused.status, 400);
  EXPECT_EQ(refused.body.find(trust_id), std::string::npos);
  auto other = as(ks_.token("alt", "alt"), "GET", "/v2/" + demo_project_ + "/jobs/" + first);
  EXPECT_EQ(other.body.find(trust_id), std::string::npos);
  ASSERT_EQ(as(demo_, "DELETE", "/v2/" + demo_project_ + "/jobs/" + first).status, 204);
  const auto text = logs.all();
  EXPECT_GT(text.size(), 0u);
  EXPECT_EQ(text.find(trust_id), std::string::npos) << text.substr(0, 2000);
  for (const char* user : {"freezer", "demo", "admin", "svc"})
    EXPECT_EQ(text.find(password_of(user)), std::string::npos) << user;
}

TEST_F(CentralScheduler, TrustIdsAreEncryptedAtRestAndKeysRotate) {
  register_central("central-all", R"(["fs"])");
  auto id = create_job("central-all", "fs");
  std::string trust_id = job(demo_, id)["user_credentials"]["trust_id"].GetString();
  EXPECT_EQ(column("SELECT decrypt_method FROM user_credentials"), "aes-256-gcm:v1");
  auto bytes_of = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const auto& suffix : {"", "-wal", "-shm"}) {
    auto path = server_.database_path().string() + suffix;
    if (std::filesystem::exists(path)) {
      EXPECT_EQ(bytes_of(path).find(trust_id), std::string::npos)
          << "plaintext trust id in " << path;
    }
  }

  // Rotation while the service runs.
  auto conf = server_.directory() / "manage.conf";
  std::ofstream(conf) << "[database]\nconnection = sqlite:///" << server_.database_path().string()
                      << "\n[centralized_scheduler]\ncredentials_key_file = " << key_file_ << "\n";
  ASSERT_EQ(std::system((std::string(FREEZER_MANAGE_BIN) + " --config-file " + conf.string() +
                         " credentials rotate-key")
                            .c_str()),
            0);
  EXPECT_EQ(column("SELECT decrypt_method FROM user_credentials"), "aes-256-gcm:v2");
  EXPECT_EQ(job(demo_, id)["user_credentials"]["trust_id"].GetString(), trust_id);
  auto another = create_job("central-all", "fs");
  EXPECT_EQ(job(demo_, another)["user_credentials"]["trust_id"].GetString(), trust_id);
}

TEST_F(CentralScheduler, AllProjectsMatrix) {
  register_central("central-all", R"(["fs"])");
  create_job("central-all", "fs");
  auto alt = ks_.token("alt", "alt");
  ASSERT_EQ(
      as(alt, "POST", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/jobs/",
         R"({"client_id": "central-all", "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs"}}]})")
          .status,
      201);
  struct Caller {
    std::string name;
    std::string token;
    std::string project;
    bool privileged;
  };
  const Caller callers[] = {
      {"member", demo_, demo_project_, false},
      {"reader", ks_.token("reader", "demo"), demo_project_, false},
      {"admin", admin_, demo_project_, true},
      {"service", ks_.token("svc", "service"), demo_project_, true},
  };
  for (const auto& c : callers) {
    auto without = as(c.token, "GET", "/v2/" + c.project + "/jobs/?limit=100");
    ASSERT_EQ(without.status, 200) << c.name;
    auto without_doc = parse(without.body);
    const auto& own = without_doc["jobs"];
    for (const auto& j : own.GetArray())
      EXPECT_EQ(j["project_id"].GetString(), demo_project_) << c.name;
    EXPECT_EQ(own.Size(), 1u) << c.name;
    auto with = as(c.token, "GET", "/v2/" + c.project + "/jobs/?limit=100&all_projects=True");
    if (!c.privileged) {
      EXPECT_EQ(with.status, 403) << c.name;
      continue;
    }
    ASSERT_EQ(with.status, 200) << c.name;
    std::set<std::string> projects;
    auto all = parse(with.body);
    for (const auto& j : all["jobs"].GetArray()) projects.insert(j["project_id"].GetString());
    EXPECT_TRUE(projects.count(demo_project_) && projects.count(ks_.id("ALT_PROJECT_ID")))
        << c.name;
  }
  for (const auto& id : [&] {
         std::vector<std::string> ids;
         auto r = as(alt, "GET", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/jobs/");
         auto doc = parse(r.body);
         for (const auto& j : doc["jobs"].GetArray()) ids.emplace_back(j["job_id"].GetString());
         return ids;
       }())
    as(alt, "DELETE", "/v2/" + ks_.id("ALT_PROJECT_ID") + "/jobs/" + id);
}

}  // namespace
}  // namespace freezer::testing

// GET /v2/{project_id}/jobs?changes_since=N: the jobs changed after a cursor, for pollers.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

long long now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class JobChanges : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  void SetUp() override {
    for (const char* project : {"p1", "p2"})
      ASSERT_EQ(http_
                    ->post(std::string("/v2/") + project + "/clients/",
                           R"({"client_id": "node", "hostname": "node"})")
                    .status,
                201);
  }
  std::string create(const std::string& project, const std::string& description) {
    auto r = http_->post("/v2/" + project + "/jobs/",
                         R"({"client_id": "node", "description": ")" + description + R"(",
          "job_schedule": {"schedule_interval": "1 days"},
          "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs",
            "path_to_backup": "/etc", "backup_name": ")" +
                             description + R"(", "container": "c", "storage": "local"}}]})");
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["job_id"].GetString();
  }
  // The live and deleted job ids of a changes listing, after checking its shape.
  struct Changes {
    std::set<std::string> live, deleted;
    long long until = 0;
  };
  Changes changes(const std::string& query, const std::string& roles = "member") {
    auto r = http_->request("GET", "/v2/p1/jobs/" + query, "", {"X-Roles: " + roles});
    EXPECT_EQ(r.status, 200) << r.body;
    auto doc = parse(r.body);
    Changes out;
    for (const auto& job : doc["jobs"].GetArray()) {
      EXPECT_TRUE(job.HasMember("job_actions"));  // full documents, as listed
      out.live.insert(job["job_id"].GetString());
    }
    for (const auto& id : doc["deleted_jobs"].GetArray()) out.deleted.insert(id.GetString());
    out.until = doc["changes_until"].GetInt64();
    return out;
  }
};

TEST_F(JobChanges, OnlyWhatChangedAfterTheCursorDeletionsIncluded) {
  auto a = create("p1", "a");
  auto b = create("p1", "b");
  auto c = create("p1", "c");
  auto everything = changes("?changes_since=0");
  EXPECT_EQ(everything.live, (std::set<std::string>{a, b, c}));
  EXPECT_TRUE(everything.deleted.empty());
  // The cursor stays 30 s behind the newest stamp (changes committed late are not missed).
  EXPECT_NEAR(everything.until, now_micros() - 30'000'000, 5'000'000);

  const long long cursor = now_micros();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_TRUE(changes("?changes_since=" + std::to_string(cursor)).live.empty());
  ASSERT_EQ(http_
                ->request("PATCH", "/v2/p1/jobs/" + b, R"({"description": "b2"})",
                          {"Content-Type: application/json"})
                .status,
            200);
  ASSERT_EQ(http_->del("/v2/p1/jobs/" + a).status, 204);
  auto since = changes("?changes_since=" + std::to_string(cursor));
  EXPECT_EQ(since.live, std::set<std::string>{b});
  EXPECT_EQ(since.deleted, std::set<std::string>{a});
  // A plain list is unchanged by the extension.
  auto plain = parse(http_->get("/v2/p1/jobs/").body);
  EXPECT_FALSE(plain.HasMember("changes_until"));
  EXPECT_EQ(plain["jobs"].Size(), 2u);
}

TEST_F(JobChanges, AnEditedActionChangesTheJobsThatLinkIt) {
  auto a = create("p1", "a");
  create("p1", "b");
  auto job = parse(http_->get("/v2/p1/jobs/" + a).body);
  const std::string action_id = job["job_actions"][0]["action_id"].GetString();
  const long long cursor = now_micros();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(http_
                ->request("PATCH", "/v2/p1/actions/" + action_id,
                          R"({"freezer_action": {"action": "backup", "mode": "fs",
                             "path_to_backup": "/srv", "backup_name": "a", "container": "c"}})",
                          {"Content-Type: application/json"})
                .status,
            200);
  EXPECT_EQ(changes("?changes_since=" + std::to_string(cursor)).live, std::set<std::string>{a});
}

TEST_F(JobChanges, EveryProjectForTheServiceRoleAndPagedByMarker) {
  auto mine = create("p1", "a");
  auto theirs = create("p2", "b");
  EXPECT_EQ(changes("?changes_since=0").live, std::set<std::string>{mine});
  auto member = http_->request("GET", "/v2/p1/jobs/?changes_since=0&all_projects=True", "",
                               {"X-Roles: member"});
  EXPECT_EQ(member.status, 403);
  EXPECT_EQ(changes("?changes_since=0&all_projects=True", "service").live,
            (std::set<std::string>{mine, theirs}));

  // One job per page: a full page names the next page's marker, the last one does not.
  std::set<std::string> paged;
  std::string marker;
  for (int pages = 0; pages < 5; ++pages) {
    auto r = http_->request("GET",
                            "/v2/p1/jobs/?changes_since=0&all_projects=True&limit=1" +
                                (marker.empty() ? "" : "&marker=" + marker),
                            "", {"X-Roles: service"});
    auto doc = parse(r.body);
    for (const auto& job : doc["jobs"].GetArray()) paged.insert(job["job_id"].GetString());
    if (!doc.HasMember("next_marker")) break;
    marker = doc["next_marker"].GetString();
  }
  EXPECT_EQ(paged, (std::set<std::string>{mine, theirs}));
}

TEST_F(JobChanges, ABadCursorIs400NamingTheParameter) {
  for (const char* bad : {"-1", "abc", "12x", "", "99999999999999999999"}) {
    auto r = http_->get(std::string("/v2/p1/jobs/?changes_since=") + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("changes_since"), std::string::npos) << r.body;
  }
}

}  // namespace
}  // namespace freezer::testing

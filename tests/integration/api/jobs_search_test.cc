// Search documents and paging on job lists, as freezerclient and freezer-scheduler send them.
#include <gtest/gtest.h>

#include <set>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

class JobsSearch : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  void SetUp() override {
    for (const auto& c : {"p1_a", "p1_b"})
      ASSERT_EQ(
          http_->post("/v2/p1/clients/", std::string(R"({"client_id": ")") + c + "\"}").status,
          201);
    // 12 jobs on client a (every third one completed), 5 on client b.
    for (int i = 0; i < 17; ++i) {
      std::string client = i < 12 ? "p1_a" : "p1_b";
      std::string status = i % 3 == 0 ? "completed" : "scheduled";
      auto r = http_->post(
          "/v2/p1/jobs/",
          R"({"client_id": ")" + client + R"(", "description": "job)" + std::to_string(i) +
              R"(", "job_schedule": {"status": ")" + status +
              R"("}, "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "backup_name": "b)" +
              std::to_string(i) + R"("}}]})");
      ASSERT_EQ(r.status, 201) << r.body;
    }
    ASSERT_EQ(http_->post("/v2/p2/clients/", R"({"client_id": "p1_a"})").status, 201);
    ASSERT_EQ(http_->post("/v2/p2/jobs/", R"({"client_id": "p1_a", "job_actions": []})").status,
              201);
  }

  std::vector<std::string> descriptions(const std::string& query, const std::string& search = "",
                                        const std::string& roles = "member,reader") {
    auto r = http_->request(
        "GET", "/v2/p1/jobs/" + query, search,
        {"Content-Type: application/json", "Accept: application/json", "X-Roles: " + roles});
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    auto doc = parse(r.body);
    for (const auto& job : doc["jobs"].GetArray()) out.emplace_back(job["description"].GetString());
    return out;
  }
};

TEST_F(JobsSearch, MatchOnClientAndMatchNotOnStatus) {
  EXPECT_EQ(descriptions("?limit=100", R"({"match": [{"client_id": "p1_b"}]})").size(), 5u);
  EXPECT_EQ(descriptions("?limit=100", R"({"match_not": [{"status": "completed"}]})").size(), 11u);
  auto both =
      descriptions("?limit=100",
                   R"({"match_not": [{"status": "completed"}], "match": [{"client_id": "p1_a"}]})");
  EXPECT_EQ(both.size(), 8u);
  EXPECT_EQ(descriptions("?limit=100", R"({"match": [{"client_id": "p1_c"}]})").size(), 0u);
  // A key found deep in the record: the action's backup_name.
  EXPECT_EQ(descriptions("", R"({"match": [{"backup_name": "b7"}]})"),
            std::vector<std::string>{"job7"});
}

TEST_F(JobsSearch, AllFormFromTheCli) {
  auto r = descriptions(
      "?limit=100",
      R"({"match": [{"_all": "[{\"client_id\": \"p1_b\"}, {\"status\": \"completed\"}]"}]})");
  EXPECT_EQ(std::set<std::string>(r.begin(), r.end()), (std::set<std::string>{"job12", "job15"}));
  // freezer job-list --client X --search S: the client filter is dropped, as upstream.
  auto dropped = descriptions(
      "?limit=100",
      R"({"match": [{"_all": "[{\"status\": \"completed\"}]"}, {"client_id": "p1_b"}]})");
  EXPECT_EQ(dropped.size(), 6u);
  // An _all that is not a JSON list means no filter at all.
  EXPECT_EQ(descriptions("?limit=100", R"({"match": [{"_all": "status=completed"}]})").size(), 17u);
}

TEST_F(JobsSearch, PagingCountsMatchingJobs) {
  const std::string search =
      R"({"match": [{"client_id": "p1_a"}], "match_not": [{"status": "completed"}]})";
  auto all = descriptions("?limit=100", search);
  ASSERT_EQ(all.size(), 8u);
  auto first = descriptions("?limit=5&offset=0", search);
  auto second = descriptions("?limit=5&offset=5", search);
  EXPECT_EQ(first.size(), 5u);
  EXPECT_EQ(second.size(), 3u);
  first.insert(first.end(), second.begin(), second.end());
  EXPECT_EQ(first, all);
  EXPECT_TRUE(descriptions("?limit=5&offset=8", search).empty());
}

TEST_F(JobsSearch, SchedulerPollingLoop) {
  // freezer-scheduler (role service) pages by 10 with all_projects=True until a page is
  // short: it sees the matching jobs of every project, p2's included.
  const std::string search =
      R"({"match_not": [{"status": "completed"}], "match": [{"client_id": "p1_a"}]})";
  std::vector<std::string> seen;
  for (int offset = 0;; offset += 10) {
    auto page = descriptions("?limit=10&offset=" + std::to_string(offset) + "&all_projects=True",
                             search, "service");
    seen.insert(seen.end(), page.begin(), page.end());
    if (page.size() < 10) break;
  }
  EXPECT_EQ(seen.size(), 9u);
  // Without the option, only the URL's project, whatever the role.
  EXPECT_EQ(descriptions("?limit=100", search, "service").size(), 8u);
}

TEST_F(JobsSearch, AllProjectsNeedsAdminOrService) {
  auto member =
      http_->request("GET", "/v2/p1/jobs/?all_projects=true", "", {"X-Roles: member,reader"});
  EXPECT_EQ(member.status, 403);
  EXPECT_EQ(descriptions("?limit=100&all_projects=true", "", "admin").size(), 18u);
  EXPECT_EQ(descriptions("?limit=100&all_projects=0", "", "member").size(), 17u);
  auto bad = http_->request("GET", "/v2/p1/jobs/?all_projects=maybe", "", {"X-Roles: admin"});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("all_projects"), std::string::npos);
  // Paging across projects.
  auto first = descriptions("?limit=10&all_projects=True", "", "admin");
  auto rest = descriptions("?limit=10&offset=10&all_projects=True", "", "admin");
  EXPECT_EQ(first.size() + rest.size(), 18u);
}

TEST_F(JobsSearch, PlainListsPageStably) {
  auto all = descriptions("?limit=100");
  ASSERT_EQ(all.size(), 17u);
  EXPECT_EQ(descriptions("").size(), 10u);
  auto a = descriptions("?limit=5");
  auto b = descriptions("?limit=3&offset=5");
  std::vector<std::string> joined = a;
  joined.insert(joined.end(), b.begin(), b.end());
  EXPECT_EQ(joined, std::vector<std::string>(all.begin(), all.begin() + 8));
  EXPECT_TRUE(descriptions("?offset=17").empty());
  EXPECT_EQ(http_->get("/v2/p1/jobs/?limit=x").status, 400);
  EXPECT_EQ(http_->get("/v2/p1/jobs/", R"({"match": {"client_id": "x"}})").status, 400);
}

TEST_F(JobsSearch, MarkerPaging) {
  auto r = parse(http_->get("/v2/p1/jobs/?limit=100").body);
  std::string marker = r["jobs"][9]["job_id"].GetString();
  auto next = parse(http_->get("/v2/p1/jobs/?limit=100&marker=" + marker).body);
  ASSERT_EQ(next["jobs"].Size(), 7u);
  EXPECT_TRUE(common::python_equal(next["jobs"][0], r["jobs"][10]));
}

TEST_F(JobsSearch, AFreshProjectHasEmptyLists) {
  for (const auto& collection : {"jobs", "actions", "clients"}) {
    auto r = parse(http_->get(std::string("/v2/fresh/") + collection).body);
    EXPECT_EQ(r[collection].Size(), 0u) << collection;
  }
}

}  // namespace
}  // namespace freezer::testing

// GET /v2/{project_id}/jobs?pool_members=a,b,c&pool_member=b: one pool member's share of the
// jobs, by tooz's hash ring, as the member itself would compute it; with
// &pool_members_before=..., only the jobs that move to it from the earlier members.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/hash_ring.h"
#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

class JobPoolShare : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();
  std::set<std::string> jobs_;

  void SetUp() override {
    ASSERT_EQ(http_->post("/v2/p1/clients/", R"({"client_id": "node", "hostname": "node"})").status,
              201);
    for (int i = 0; i < 24; ++i) {
      auto r = http_->post("/v2/p1/jobs/", R"({"client_id": "node", "description": "j)" +
                                               std::to_string(i) + R"(", "job_actions": [
          {"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc",
           "backup_name": "b", "container": "c", "storage": "local"}}]})");
      ASSERT_EQ(r.status, 201) << r.body;
      jobs_.insert(parse(r.body)["job_id"].GetString());
    }
  }
  // Every page of a member's share, `limit` at a time (marker paging, as the scheduler does).
  std::set<std::string> share(const std::string& member, int limit,
                              const std::string& members = "sched-a,sched-b,sched-c",
                              const std::string& extra = "") {
    std::set<std::string> out;
    std::string marker;
    for (int pages = 0; pages < 50; ++pages) {
      auto r = http_->get("/v2/p1/jobs/?limit=" + std::to_string(limit) +
                          "&pool_members=" + members + "&pool_member=" + member + extra +
                          (marker.empty() ? "" : "&marker=" + marker));
      EXPECT_EQ(r.status, 200) << r.body;
      auto doc = parse(r.body);
      const auto& page = doc["jobs"];
      for (const auto& job : page.GetArray()) {
        marker = job["job_id"].GetString();
        out.insert(marker);
      }
      if (page.Size() < static_cast<unsigned>(limit)) break;
    }
    return out;
  }
};

TEST_F(JobPoolShare, EachMemberGetsWhatTheRingGivesItAndNothingElse) {
  common::HashRing ring({"sched-a", "sched-b", "sched-c"});
  std::set<std::string> all;
  for (const char* member : {"sched-a", "sched-b", "sched-c"}) {
    std::set<std::string> expected;
    for (const auto& id : jobs_)
      if (ring.owner(id) == member) expected.insert(id);
    auto got = share(member, 3);  // pages stay full until the share's end
    EXPECT_EQ(got, expected) << member;
    EXPECT_FALSE(got.empty()) << member;
    all.insert(got.begin(), got.end());
  }
  EXPECT_EQ(all, jobs_);
}

TEST_F(JobPoolShare, AfterAMemberLeavesOnlyTheJobsMovingToASurvivorAreListed) {
  common::HashRing before({"sched-a", "sched-b", "sched-c"});
  common::HashRing after({"sched-a", "sched-b"});
  std::set<std::string> moved_to_a;
  for (const auto& id : jobs_)
    if (after.owner(id) == "sched-a" && before.owner(id) != "sched-a") moved_to_a.insert(id);
  ASSERT_FALSE(moved_to_a.empty());  // sched-c held some of these 24
  EXPECT_EQ(share("sched-a", 2, "sched-a,sched-b", "&pool_members_before=sched-a,sched-b,sched-c"),
            moved_to_a);
  // A member that just joined had nothing: everything of its share moves to it.
  EXPECT_EQ(share("sched-c", 2, "sched-a,sched-b,sched-c", "&pool_members_before=sched-a,sched-b"),
            share("sched-c", 2));
}

TEST_F(JobPoolShare, BadParametersAre400) {
  for (const char* query :
       {"?pool_members=a,b", "?pool_member=a", "?pool_members=a,b&pool_member=c",
        "?pool_members=&pool_member=a", "?pool_members_before=a,b",
        "?pool_members=a,b&pool_member=a&pool_members_before=a,"}) {
    auto r = http_->get(std::string("/v2/p1/jobs/") + query);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_NE(r.body.find("pool_member"), std::string::npos) << r.body;
  }
}

}  // namespace
}  // namespace freezer::testing

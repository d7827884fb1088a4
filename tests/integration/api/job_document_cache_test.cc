// Reads through the job document cache see every write another API process makes to a job,
// its actions or its credentials: each moves the job's change sequence on, even when that
// process's clock is behind; and a job read is written back only if that sequence did not
// move. Runs on SQLite and MariaDB.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "common/config.h"
#include "common/json.h"
#include "db/driver_factory.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

class JobDocumentCacheReads : public ::testing::Test {
 protected:
  ApiServer server_{"[database]\njob_cache_size = 1000\n"};
  std::unique_ptr<HttpClient> http_ = server_.client();
  // Another API process on the same database (a pool and a cache of its own).
  std::unique_ptr<db::Driver> other_ = db::make_driver(
      common::Config::parse("[database]\nconnection = " + server_.database_url() + "\n"), 2);

  void SetUp() override {
    ASSERT_EQ(http_->post("/v2/p1/clients/", R"({"client_id": "node", "hostname": "node"})").status,
              201);
  }
  std::string create(const std::string& name) {
    auto r =
        http_->post("/v2/p1/jobs/", R"({"client_id": "node", "description": ")" + name +
                                        R"(", "job_schedule": {"schedule_interval": "1 days"},
          "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs",
            "path_to_backup": "/etc", "backup_name": ")" +
                                        name + R"(", "container": "c", "storage": "local"}}]})");
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["job_id"].GetString();
  }
  rapidjson::Document get(const std::string& id) {
    auto r = http_->request("GET", "/v2/p1/jobs/" + id, "", {"X-Roles: admin"});
    EXPECT_EQ(r.status, 200) << r.body;
    return parse(r.body);
  }
  // The listed job `id` (twice: the second listing is answered from the cache).
  rapidjson::Document listed(const std::string& id) {
    rapidjson::Document out;
    for (int round = 0; round < 2; ++round) {
      auto r = http_->request("GET", "/v2/p1/jobs/?limit=100", "", {"X-Roles: admin"});
      EXPECT_EQ(r.status, 200) << r.body;
      auto doc = parse(r.body);
      out.SetNull();
      for (auto& job : doc["jobs"].GetArray())
        if (job["job_id"].GetString() == id) out.CopyFrom(job, out.GetAllocator());
    }
    return out;
  }
  std::string description(const rapidjson::Value& job) { return job["description"].GetString(); }
  std::string first_path(const rapidjson::Value& job) {
    return job["job_actions"][0]["freezer_action"]["path_to_backup"].GetString();
  }
};

TEST_F(JobDocumentCacheReads, AJobChangedByAnotherProcessIsReadAsItIsNow) {
  const auto id = create("a");
  create("b");
  EXPECT_EQ(description(get(id)), "a");
  EXPECT_EQ(description(listed(id)), "a");

  auto record = other_->jobs().find("p1", id);
  ASSERT_TRUE(record);
  record->description = "changed elsewhere";
  ASSERT_TRUE(other_->jobs().update(*record));
  EXPECT_EQ(description(get(id)), "changed elsewhere");
  EXPECT_EQ(description(listed(id)), "changed elsewhere");
}

TEST_F(JobDocumentCacheReads, AnActionChangedByAnotherProcessShowsInItsJob) {
  const auto id = create("a");
  auto job = get(id);
  EXPECT_EQ(first_path(job), "/etc");
  EXPECT_EQ(first_path(listed(id)), "/etc");
  const std::string action_id = job["job_actions"][0]["action_id"].GetString();

  auto action = other_->actions().find("p1", action_id);
  ASSERT_TRUE(action);
  auto freezer_action = common::stored_object(action->freezer_action);
  freezer_action["path_to_backup"].SetString("/srv", freezer_action.GetAllocator());
  action->freezer_action = common::to_json(freezer_action);
  action->path_to_backup = "/srv";
  ASSERT_TRUE(other_->actions().update(*action));
  EXPECT_EQ(first_path(get(id)), "/srv");
  EXPECT_EQ(first_path(listed(id)), "/srv");
}

TEST_F(JobDocumentCacheReads, CredentialsStoredAndADeletionByAnotherProcessShow) {
  const auto id = create("a");
  EXPECT_FALSE(get(id).HasMember("user_credentials"));
  EXPECT_FALSE(listed(id).HasMember("user_credentials"));

  other_->credentials().insert(db::CredentialRecord{"cred-1", "none", "trust-1", "trustor-1", id});
  auto job = get(id);
  ASSERT_TRUE(job.HasMember("user_credentials"));
  EXPECT_STREQ(job["user_credentials"]["trust_id"].GetString(), "trust-1");
  EXPECT_TRUE(listed(id).HasMember("user_credentials"));

  ASSERT_TRUE(other_->jobs().soft_delete("p1", id));
  EXPECT_EQ(http_->get("/v2/p1/jobs/" + id).status, 404);
  EXPECT_TRUE(listed(id).IsNull());
}

TEST_F(JobDocumentCacheReads, AWriteFromAProcessWhoseClockIsBehindStillMovesTheSequenceOn) {
  const auto id = create("a");
  // The last write came from a process whose clock is a year ahead of this one's.
  const long long ahead = 4'000'000'000'000'000LL;
  server_.open_sql()->once << "UPDATE jobs SET change_seq = " + std::to_string(ahead) +
                                  " WHERE id = '" + id + "'";
  EXPECT_EQ(description(get(id)), "a");
  EXPECT_EQ(description(listed(id)), "a");

  auto record = other_->jobs().find("p1", id);
  ASSERT_TRUE(record);
  record->description = "written behind";
  ASSERT_TRUE(other_->jobs().update(*record));
  EXPECT_EQ(description(get(id)), "written behind");
  EXPECT_EQ(description(listed(id)), "written behind");
  EXPECT_EQ(other_->jobs().find("p1", id)->change_seq, ahead + 1);
}

// What a PATCH that keeps the actions writes with on MySQL: the job as read, only if no one
// wrote it since (the PATCH then runs in a transaction).
TEST_F(JobDocumentCacheReads, AJobIsWrittenBackOnlyIfUnchangedSinceItWasRead) {
  const auto id = create("a");
  auto read = server_.driver().jobs().find("p1", id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->action_ids.size(), 1u);

  auto elsewhere = other_->jobs().find("p1", id);
  elsewhere->description = "written elsewhere";
  ASSERT_TRUE(other_->jobs().update(*elsewhere));

  read->description = "written from a stale read";
  EXPECT_FALSE(server_.driver().jobs().update_if_unchanged(*read));
  EXPECT_EQ(description(get(id)), "written elsewhere");

  auto fresh = server_.driver().jobs().find("p1", id);
  fresh->description = "written from a fresh read";
  EXPECT_TRUE(server_.driver().jobs().update_if_unchanged(*fresh));
  auto job = get(id);
  EXPECT_EQ(description(job), "written from a fresh read");
  EXPECT_EQ(first_path(job), "/etc");  // the actions kept

  ASSERT_TRUE(other_->jobs().soft_delete("p1", id));
  EXPECT_FALSE(server_.driver().jobs().update_if_unchanged(*fresh));  // gone meanwhile
  EXPECT_EQ(http_->get("/v2/p1/jobs/" + id).status, 404);
}

// On MySQL the checks of concurrent reads share their round trips (db/sql/stores/
// job_version_reads.h): each read must still get the answer to its own question, whatever the
// others in its batch asked.
TEST_F(JobDocumentCacheReads, ConcurrentReadsEachGetTheirOwnAnswer) {
  std::vector<std::string> live;
  for (int i = 0; i < 6; ++i) live.push_back(create("job-" + std::to_string(i)));
  const auto deleted = create("deleted");
  ASSERT_EQ(http_->del("/v2/p1/jobs/" + deleted).status, 204);
  ASSERT_EQ(http_->post("/v2/p2/clients/", R"({"client_id": "node2", "hostname": "node2"})").status,
            201);
  auto r = http_->post("/v2/p2/jobs/", R"({"client_id": "node2", "description": "p2",
      "job_schedule": {}, "job_actions": []})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string elsewhere = parse(r.body)["job_id"].GetString();
  auto sorted = live;
  std::sort(sorted.begin(), sorted.end());

  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (std::size_t t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      auto http = server_.client();
      for (std::size_t round = 0; round < 30; ++round) {
        const std::size_t i = (t + round) % live.size();
        auto job = http->get("/v2/p1/jobs/" + live[i]);
        if (job.status != 200 || description(parse(job.body)) != "job-" + std::to_string(i))
          ++wrong;
        if (http->get("/v2/p1/jobs/" + deleted).status != 404) ++wrong;
        if (http->get("/v2/p1/jobs/" + elsewhere).status != 404) ++wrong;
        // Pages of different markers and sizes: the jobs after sorted[k], in id order.
        const std::size_t k = (t + round) % (sorted.size() - 1);
        const std::size_t limit = 1 + round % 3;
        auto page =
            http->get("/v2/p1/jobs/?limit=" + std::to_string(limit) + "&marker=" + sorted[k]);
        std::vector<std::string> got;
        if (page.status == 200) {
          auto listing = parse(page.body);
          for (auto& listed : listing["jobs"].GetArray())
            got.push_back(listed["job_id"].GetString());
        }
        const auto from = sorted.begin() + static_cast<long>(k) + 1;
        const std::vector<std::string> want(
            from, from + static_cast<long>(std::min(limit, sorted.size() - k - 1)));
        if (got != want) ++wrong;
      }
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace freezer::testing

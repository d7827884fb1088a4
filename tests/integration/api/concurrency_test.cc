// Many clients on the same job and session at once: PATCHes, events, session actions and
// deletes interleave, and no request answers 5xx, no row is corrupted or orphaned. Bounded:
// 8 clients, a few hundred requests.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

constexpr int kClients = 8;
constexpr int kRequestsPerClient = 40;

class Concurrency : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  std::string create_job() {
    auto r = http_->post(
        "/v2/p1/jobs/",
        R"({"client_id": "p1_node", "description": "initial", "job_schedule": {"schedule_interval": "1 days"}, "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc"}}]})");
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["job_id"].GetString();
  }

  // Runs `request(client, i, http)` from kClients threads; fails on any 5xx or non-JSON body.
  template <typename Request>
  void hammer(Request request) {
    std::atomic<int> server_errors{0};
    std::mutex mutex;
    std::string first_error;
    std::vector<std::thread> threads;
    for (int client = 0; client < kClients; ++client) {
      threads.emplace_back([&, client] {
        HttpClient http(server_.base_url());
        for (int i = 0; i < kRequestsPerClient; ++i) {
          HttpResult r = request(client, i, http);
          if (r.status >= 500 || r.status == 0) {
            ++server_errors;
            std::lock_guard lock(mutex);
            if (first_error.empty()) first_error = std::to_string(r.status) + " " + r.body;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(server_errors.load(), 0) << first_error;
  }

  void SetUp() override {
    ASSERT_EQ(http_->post("/v2/p1/clients", R"({"client_id": "p1_node"})").status, 201);
  }
};

TEST_F(Concurrency, PatchesEventsAndSessionActionsOnOneJobKeepItWhole) {
  const auto job_id = create_job();
  auto session =
      http_->post("/v2/p1/sessions/", R"({"description": "s", "hold_off": 1, "schedule": {}})");
  ASSERT_EQ(session.status, 201);
  const std::string session_id = parse(session.body)["session_id"].GetString();
  const char* events[] = {R"({"start": null})", R"({"stop": null})", R"({"abort": null})"};
  hammer([&](int client, int i, HttpClient& http) {
    const std::string job_path = "/v2/p1/jobs/" + job_id;
    switch ((client + i) % 6) {
      case 0:
        return http.request(
            "PATCH", job_path,
            R"({"description": "c)" + std::to_string(client) + "-" + std::to_string(i) + "\"}",
            {"Content-Type: application/json"});
      case 1:
        return http.post(job_path + "/event", events[(client * 7 + i) % 3]);
      case 2:
        return http.request("PUT", "/v2/p1/sessions/" + session_id + "/jobs/" + job_id);
      case 3:
        return http.post("/v2/p1/sessions/" + session_id + "/action",
                         R"({"start": {"job_id": ")" + job_id + R"(", "current_tag": 0}})");
      case 4:
        return http.post(
            "/v2/p1/sessions/" + session_id + "/action",
            R"({"end": {"job_id": ")" + job_id + R"(", "current_tag": 1, "result": "success"}})");
      default:
        return http.get(job_path);
    }
  });
  auto job = http_->get("/v2/p1/jobs/" + job_id);
  ASSERT_EQ(job.status, 200);
  auto document = parse(job.body);
  const std::string description = document["description"].GetString();
  EXPECT_TRUE(description == "initial" || description.rfind('c', 0) == 0) << description;
  ASSERT_TRUE(document["job_actions"].IsArray());
  EXPECT_EQ(document["job_actions"].Size(), 1u);
  EXPECT_STREQ(document["job_actions"][0]["freezer_action"]["path_to_backup"].GetString(), "/etc");
  EXPECT_EQ(http_->get("/v2/p1/sessions/" + session_id).status, 200);
}

TEST_F(Concurrency, DeletesRacingWritesLeaveNothingBehind) {
  std::vector<std::string> jobs;
  for (int i = 0; i < 4; ++i) jobs.push_back(create_job());
  hammer([&](int client, int i, HttpClient& http) {
    const std::string path = "/v2/p1/jobs/" + jobs[static_cast<std::size_t>(i) % jobs.size()];
    if (client % 4 == 0 && i >= kRequestsPerClient / 2) return http.del(path);
    if (client % 2 == 0) return http.post(path + "/event", R"({"start": null})");
    return http.request("PATCH", path, R"({"description": "late"})",
                        {"Content-Type: application/json"});
  });
  for (const auto& id : jobs) EXPECT_EQ(http_->get("/v2/p1/jobs/" + id).status, 404) << id;
  auto listed = parse(http_->get("/v2/p1/jobs?limit=100").body);
  EXPECT_EQ(listed["jobs"].Size(), 0u);
  // No link of a deleted job survives in the database.
  auto sql = server_.open_sql();
  int orphans = -1;
  *sql << "SELECT COUNT(*) FROM job_actions WHERE job_id NOT IN (SELECT id FROM jobs)",
      soci::into(orphans);
  EXPECT_EQ(orphans, 0);
}

}  // namespace
}  // namespace freezer::testing

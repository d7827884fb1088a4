// The sessions resource through the real HTTP interface.
#include <gtest/gtest.h>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

class SessionsApi : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();
  std::string job_id_;

  void SetUp() override {
    ASSERT_EQ(http_->post("/v2/p1/clients", R"({"client_id": "p1_node"})").status, 201);
    job_id_ = create_job();
  }
  std::string create_job() {
    auto r = http_->post(
        "/v2/p1/jobs/",
        R"({"client_id": "p1_node", "job_schedule": {"status": "scheduled", "schedule_interval": "1 days"}, "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs"}}]})");
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["job_id"].GetString();
  }
  std::string create(
      const std::string& body =
          R"({"description": "s", "hold_off": 5, "schedule": {"schedule_interval": "1 days"}})") {
    auto r = http_->post("/v2/p1/sessions/", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["session_id"].GetString();
  }
  rapidjson::Document show(const std::string& id) {
    auto r = http_->get("/v2/p1/sessions/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return parse(r.body);
  }
  rapidjson::Document job(const std::string& id) {
    return parse(http_->get("/v2/p1/jobs/" + id).body);
  }
  HttpResult action(const std::string& id, const std::string& body) {
    return http_->post("/v2/p1/sessions/" + id + "/action", body);
  }
  HttpResult start(const std::string& id, const std::string& job, int tag) {
    return action(id, R"({"start": {"job_id": ")" + job + R"(", "current_tag": )" +
                          std::to_string(tag) + "}}");
  }
  HttpResult end(const std::string& id, const std::string& job, const std::string& result) {
    return action(id, R"({"end": {"job_id": ")" + job + R"(", "current_tag": 1, "result": ")" +
                          result + "\"}}");
  }
};

TEST_F(SessionsApi, CreateSetsUpstreamDefaults) {
  auto id = create(R"({"session_id": "mine", "status": "stopped", "jobs": {"x": {}}, "extra": 1,
                       "description": "s", "schedule": {"schedule_interval": "1 days"}})");
  EXPECT_NE(id, "mine");
  EXPECT_EQ(id.size(), 32u);
  auto s = show(id);
  std::vector<std::string> keys;
  for (const auto& m : s.GetObject()) keys.emplace_back(m.name.GetString());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"project_id", "session_id", "user_id", "description",
                                      "session_tag", "result", "hold_off", "status", "time_ended",
                                      "time_started", "time_end", "time_start", "schedule"}));
  EXPECT_STREQ(s["status"].GetString(), "active");
  EXPECT_EQ(s["session_tag"].GetInt(), 0);
  EXPECT_EQ(s["hold_off"].GetInt(), 30);
  EXPECT_EQ(s["time_start"].GetInt(), -1);
  EXPECT_TRUE(s["result"].IsNull());
  EXPECT_STREQ(s["schedule"]["schedule_interval"].GetString(), "1 days");
}

TEST_F(SessionsApi, CreateValidation) {
  EXPECT_EQ(http_->post("/v2/p1/sessions", "{}").status, 400);
  EXPECT_EQ(http_->post("/v2/p1/sessions", R"({"description": "no schedule"})").status, 400);
  auto bad = http_->post("/v2/p1/sessions", R"({"schedule": {"colour": "red"}})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("(field: schedule.colour)"), std::string::npos);
  EXPECT_EQ(http_->post("/v2/p1/sessions", R"({"schedule": {}, "hold_off": "soon"})").status, 400);
  EXPECT_EQ(http_->post("/v2/p1/sessions", R"({"schedule": {}, "status": "stop"})").status, 201);
  EXPECT_EQ(http_->post("/v2/p1/sessions", "{").status, 753);
}

TEST_F(SessionsApi, ListShapeAndScope) {
  create();
  create();
  auto list = parse(http_->get("/v2/p1/sessions/").body);
  ASSERT_EQ(list["sessions"].Size(), 2u);
  std::vector<std::string> keys;
  for (const auto& m : list["sessions"][0].GetObject()) keys.emplace_back(m.name.GetString());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"project_id", "user_id", "session_id", "description",
                                      "session_tag", "result", "hold_off", "status", "time_ended",
                                      "time_end", "time_started", "time_start", "schedule"}));
  EXPECT_TRUE(parse(http_->get("/v2/p2/sessions/").body)["sessions"].Empty());
  EXPECT_EQ(parse(http_->get("/v2/p1/sessions/?limit=1").body)["sessions"].Size(), 1u);
}

TEST_F(SessionsApi, PatchMergesJobsAndRefusesUnknownKeys) {
  auto id = create();
  ASSERT_EQ(http_->request("PATCH", "/v2/p1/sessions/" + id, R"({"jobs": {"a": {"status": "x"}}})")
                .status,
            200);
  auto r = http_->request("PATCH", "/v2/p1/sessions/" + id,
                          R"({"jobs": {"b": {"status": "y"}}, "description": "d2"})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"session_id":")" + id + R"(","version":0})");
  auto s = show(id);
  EXPECT_TRUE(s["jobs"].HasMember("a"));
  EXPECT_TRUE(s["jobs"].HasMember("b"));
  EXPECT_STREQ(s["description"].GetString(), "d2");
  EXPECT_STREQ(s["schedule"]["schedule_interval"].GetString(), "1 days");
  auto unknown = http_->request("PATCH", "/v2/p1/sessions/" + id, R"({"last_start": 5})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("'last_start' was unexpected"), std::string::npos);
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/sessions/" + id, R"({"jobs": [1]})").status, 400);
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/sessions/nope", R"({"description": "x"})").status, 404);
  // project_id cannot move it.
  ASSERT_EQ(http_->request("PATCH", "/v2/p1/sessions/" + id, R"({"project_id": "p2"})").status,
            200);
  EXPECT_EQ(http_->get("/v2/p2/sessions/" + id).status, 404);
}

TEST_F(SessionsApi, PostToItemReplacesAndShowsNullJobs) {
  auto id = create();
  auto r = http_->post(
      "/v2/p1/sessions/" + id,
      R"({"session_tag": 3, "schedule": {"schedule_interval": "2 days"}, "description": "r"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body, R"({"session_id":")" + id + R"(","version":")" + id + R"("})");
  auto s = show(id);
  EXPECT_EQ(s["session_tag"].GetInt(), 3);
  ASSERT_TRUE(s.HasMember("jobs"));
  EXPECT_TRUE(s["jobs"].IsNull());
  EXPECT_EQ(http_->post("/v2/p1/sessions/" + id, R"({"schedule": {}})").status,
            400);  // session_tag required
  EXPECT_EQ(
      http_->post("/v2/p1/sessions/brand-new", R"({"session_tag": 0, "schedule": {}})").status,
      201);
  EXPECT_EQ(http_->post("/v2/p2/sessions/" + id, R"({"session_tag": 0, "schedule": {}})").status,
            409);
}

TEST_F(SessionsApi, AddingAJobGivesItTheSessionsSchedule) {
  auto id = create(
      R"({"session_tag": 4, "schedule": {"schedule_interval": "2 hours", "schedule_date": "2030-01-01T00:00:00"}})");
  auto r = http_->request("PUT", "/v2/p1/sessions/" + id + "/jobs/" + job_id_);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  auto j = job(job_id_);
  EXPECT_STREQ(j["session_id"].GetString(), id.c_str());
  EXPECT_EQ(j["session_tag"].GetInt(), 4);
  EXPECT_STREQ(j["job_schedule"]["schedule_interval"].GetString(), "2 hours");
  EXPECT_FALSE(j["job_schedule"].HasMember("status"));
  auto s = show(id);
  const auto& entry = s["jobs"][job_id_.c_str()];
  EXPECT_STREQ(entry["client_id"].GetString(), "p1_node");
  EXPECT_STREQ(entry["status"].GetString(), "scheduled");
  EXPECT_STREQ(entry["result"].GetString(), "");
}

TEST_F(SessionsApi, RemovingAJobStopsIt) {
  auto id = create();
  ASSERT_EQ(http_->request("PUT", "/v2/p1/sessions/" + id + "/jobs/" + job_id_).status, 204);
  EXPECT_EQ(http_->del("/v2/p1/sessions/" + id + "/jobs/" + job_id_).status, 204);
  auto j = job(job_id_);
  EXPECT_STREQ(j["session_id"].GetString(), "");
  EXPECT_EQ(j["session_tag"].GetInt(), 0);
  EXPECT_EQ(common::to_json(j["job_schedule"]), R"({"event":"stop"})");
  EXPECT_FALSE(show(id)["jobs"].HasMember(job_id_.c_str()));
}

TEST_F(SessionsApi, MissingSessionsAndJobsAre404) {
  auto id = create();
  EXPECT_EQ(http_->request("PUT", "/v2/p1/sessions/" + id + "/jobs/nope").status, 404);
  EXPECT_EQ(http_->request("PUT", "/v2/p1/sessions/nope/jobs/" + job_id_).status, 404);
  EXPECT_EQ(http_->del("/v2/p1/sessions/nope/jobs/" + job_id_).status, 404);
  ASSERT_EQ(http_->request("PUT", "/v2/p1/sessions/" + id + "/jobs/" + job_id_).status, 204);
  // The session is left as it was when the job is missing.
  EXPECT_EQ(http_->del("/v2/p1/sessions/" + id + "/jobs/nope").status, 404);
  EXPECT_TRUE(show(id)["jobs"].HasMember(job_id_.c_str()));
  EXPECT_EQ(start("nope", job_id_, 0).status, 404);
  EXPECT_STREQ(job(job_id_)["session_id"].GetString(), id.c_str());
}

TEST_F(SessionsApi, StartAndEndFollowTheTagProtocol) {
  auto id = create(R"({"hold_off": 30, "schedule": {}})");
  auto second_job = create_job();
  ASSERT_EQ(http_->request("PUT", "/v2/p1/sessions/" + id + "/jobs/" + job_id_).status, 204);
  ASSERT_EQ(http_->request("PUT", "/v2/p1/sessions/" + id + "/jobs/" + second_job).status, 204);

  auto too_high = start(id, job_id_, 1);
  EXPECT_EQ(too_high.status, 400);
  EXPECT_STREQ(parse(too_high.body)["description"].GetString(),
               "requested tag value too high. Session Tag: 0 Job Tag: 1");

  auto first = start(id, job_id_, 0);
  ASSERT_EQ(first.status, 202);
  EXPECT_EQ(first.body, R"({"result":"success","session_tag":1})");
  auto s = show(id);
  EXPECT_STREQ(s["status"].GetString(), "running");
  EXPECT_STREQ(s["jobs"][job_id_.c_str()]["status"].GetString(), "running");

  // Within hold_off a job with the old tag joins; one with the current tag waits.
  EXPECT_EQ(start(id, second_job, 0).body, R"({"result":"success","session_tag":1})");
  EXPECT_EQ(start(id, job_id_, 1).body, R"({"result":"hold-off","session_tag":1})");

  EXPECT_EQ(end(id, job_id_, "success").body, R"({"result":"success","session_tag":1})");
  EXPECT_STREQ(show(id)["status"].GetString(), "running");
  EXPECT_EQ(end(id, second_job, "fail").status, 202);
  s = show(id);
  EXPECT_STREQ(s["status"].GetString(), "completed");
  EXPECT_STREQ(s["result"].GetString(), "fail");
  EXPECT_STREQ(s["jobs"][second_job.c_str()]["result"].GetString(), "fail");
}

TEST_F(SessionsApi, ActionErrors) {
  auto id = create();
  EXPECT_STREQ(parse(action(id, "{}").body)["description"].GetString(),
               "Bad action request format");
  EXPECT_EQ(action(id, "[1]").status, 400);
  auto pause = action(id, R"({"pause": {}})");
  EXPECT_EQ(pause.status, 405);
  EXPECT_EQ(pause.header("allow"), "GET, POST, HEAD, PATCH, DELETE");
  EXPECT_STREQ(parse(pause.body)["title"].GetString(), "Bad Method");
  EXPECT_EQ(action(id, R"({"start": {"current_tag": 0}})").status, 400);
  EXPECT_EQ(action(id, R"({"start": {"job_id": "j"}})").status, 400);
  EXPECT_EQ(action(id, R"({"start": "now"})").status, 400);
  EXPECT_EQ(action(id, R"({"end": {"job_id": "j"}})").status, 400);
  auto not_in = start(id, job_id_, 0);
  EXPECT_EQ(not_in.status, 400);
  EXPECT_STREQ(parse(not_in.body)["description"].GetString(), "job_id not found in session");
  EXPECT_EQ(start(id, job_id_, 0).status, 400);
}

TEST_F(SessionsApi, DeleteIs204) {
  auto id = create();
  EXPECT_EQ(http_->del("/v2/p2/sessions/" + id).status, 204);
  EXPECT_EQ(http_->get("/v2/p1/sessions/" + id).status, 200);
  EXPECT_EQ(http_->del("/v2/p1/sessions/" + id).status, 204);
  auto gone = http_->get("/v2/p1/sessions/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, "");
}

}  // namespace
}  // namespace freezer::testing

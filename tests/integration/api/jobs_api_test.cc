// The jobs resource through the real HTTP interface.
#include <gtest/gtest.h>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

std::string job_body(const std::string& client_id, const std::string& freezer_action,
                     const std::string& extra = "") {
  return R"({"client_id": ")" + client_id + R"(", "description": "nightly",
    "job_schedule": {"schedule_interval": "1 days", "status": "scheduled"},
    "job_actions": [{"freezer_action": )" +
         freezer_action + R"(,
                     "max_retries": 3, "max_retries_interval": 60, "mandatory": true}])" +
         extra + "}";
}

const char* kFsBackup =
    R"({"action": "backup", "mode": "fs", "path_to_backup": "/etc", "backup_name": "etc", "container": "c", "storage": "local", "engine_name": "tar"})";

class JobsApi : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  void SetUp() override {
    ASSERT_EQ(http_
                  ->post("/v2/p1/clients/", R"({"client_id": "p1_node1", "hostname": "node1",
        "supported_actions": ["backup", "info"], "supported_modes": ["fs", "mysql"],
        "supported_storages": ["local", "swift"], "supported_engines": ["tar"]})")
                  .status,
              201);
  }
  std::string create(const std::string& body, const std::string& project = "p1") {
    auto r = http_->post("/v2/" + project + "/jobs/", body);
    EXPECT_EQ(r.status, 201) << r.body;
    auto doc = parse(r.body);
    return doc.HasMember("job_id") ? doc["job_id"].GetString() : "";
  }
  rapidjson::Document show(const std::string& id, const std::string& project = "p1") {
    auto r = http_->get("/v2/" + project + "/jobs/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return parse(r.body);
  }
  size_t action_count(const std::string& project = "p1") {
    return parse(http_->get("/v2/" + project + "/actions/?limit=1000").body)["actions"].Size();
  }
  HttpResult patch(const std::string& id, const std::string& body) {
    return http_->request("PATCH", "/v2/p1/jobs/" + id, body, {"Content-Type: application/json"});
  }
  HttpResult event(const std::string& id, const std::string& body) {
    return http_->post("/v2/p1/jobs/" + id + "/event", body);
  }
  std::string description(const HttpResult& r) { return parse(r.body)["description"].GetString(); }
};

TEST_F(JobsApi, CreateThenShowInUpstreamShape) {
  auto id = create(job_body("p1_node1", kFsBackup));
  EXPECT_EQ(id.size(), 32u);
  auto job = show(id);
  std::vector<std::string> keys;
  for (const auto& m : job.GetObject()) keys.emplace_back(m.name.GetString());
  EXPECT_EQ(keys, (std::vector<std::string>{"job_id", "project_id", "user_id", "job_schedule",
                                            "client_id", "session_id", "session_tag", "description",
                                            "job_actions"}));
  EXPECT_STREQ(job["project_id"].GetString(), "p1");
  EXPECT_STREQ(job["session_id"].GetString(), "");
  EXPECT_EQ(job["session_tag"].GetInt(), 0);
  EXPECT_STREQ(job["description"].GetString(), "nightly");
  const auto& schedule = job["job_schedule"];
  EXPECT_STREQ(schedule["schedule_interval"].GetString(), "1 days");
  EXPECT_TRUE(schedule["time_created"].IsInt64());
  EXPECT_EQ(schedule["time_started"].GetInt(), -1);
  EXPECT_EQ(schedule["time_ended"].GetInt(), -1);
  ASSERT_EQ(job["job_actions"].Size(), 1u);
  const auto& action = job["job_actions"][0];
  EXPECT_EQ(std::string(action["action_id"].GetString()).size(), 32u);
  EXPECT_STREQ(action["project_id"].GetString(), "p1");
  EXPECT_EQ(action["max_retries"].GetInt(), 3);
  EXPECT_EQ(action["max_retries_interval"].GetInt(), 60);
  EXPECT_FALSE(action.HasMember("mandatory"));  // per-assignment keys are not kept, as upstream
  EXPECT_STREQ(action["freezer_action"]["engine_name"].GetString(), "tar");
  EXPECT_TRUE(action["freezer_action"]["timeout"].IsNull());
  EXPECT_EQ(action_count(), 1u);
}

TEST_F(JobsApi, ClientSuppliedIdIsHonouredAndCannotBeReused) {
  EXPECT_EQ(create(job_body("p1_node1", kFsBackup, R"(, "job_id": "my-job")")), "my-job");
  auto again =
      http_->post("/v2/p1/jobs", job_body("p1_node1", kFsBackup, R"(, "job_id": "my-job")"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(description(again), "Job already registered with ID my-job");
  ASSERT_EQ(http_->del("/v2/p1/jobs/my-job").status, 204);
  auto deleted =
      http_->post("/v2/p1/jobs", job_body("p1_node1", kFsBackup, R"(, "job_id": "my-job")"));
  EXPECT_EQ(deleted.status, 409);
  EXPECT_EQ(description(deleted), "Document with the specified ID already exists.");
}

TEST_F(JobsApi, SchemaValidationComesBeforeTheClientCheck) {
  // None of these clients exist: a 400 proves validation ran first.
  for (const auto& client :
       {"bad%project$id_host.domain.tld", "x$", "a_bad_hostname.bad/domain.b"}) {
    auto r = http_->post("/v2/p1/jobs", job_body(client, kFsBackup));
    EXPECT_EQ(r.status, 400) << client;
    EXPECT_NE(description(r).find("(field: client_id)"), std::string::npos) << r.body;
  }
  auto ok = http_->post("/v2/p1/jobs", job_body("padawan-ccp-c1-m1-mgmt", kFsBackup));
  EXPECT_EQ(ok.status, 422) << ok.body;  // valid id, unknown client
}

TEST_F(JobsApi, InvalidJobsAre400NamingTheField) {
  struct Case {
    std::string body;
    std::string expected;
  } cases[] = {
      {R"({"job_actions": []})", "'client_id' is a required property"},
      {R"({"client_id": "p1_node1"})", "'job_actions' is a required property"},
      {job_body("p1_node1", kFsBackup, R"(, "colour": "red")"),
       "Additional properties are not allowed ('colour' was unexpected)"},
      {R"({"client_id": "p1_node1", "job_actions": [], "job_schedule": {"when": "now"}})",
       "('when' was unexpected) (field: job_schedule.when)"},
      {R"({"client_id": "p1_node1", "job_actions": [], "job_schedule": {"schedule_interval": "often"}})",
       "(field: job_schedule.schedule_interval)"},
      {R"({"client_id": "p1_node1", "job_actions": [], "job_schedule": {"schedule_date": "tomorrow"}})",
       "(field: job_schedule.schedule_date)"},
      {R"({"client_id": "p1_node1", "job_actions": [], "job_schedule": {"status": null}})",
       "(field: job_schedule.status)"},
      {R"({"client_id": "p1_node1", "job_actions": 5})", "(field: job_actions)"},
      {R"({"client_id": "p1_node1", "job_actions": [5]})", "(field: job_actions.0)"},
      {R"({"client_id": "p1_node1", "job_actions": [{"max_retries": 1}]})",
       "'freezer_action' is a required property (field: job_actions.0.freezer_action)"},
      {R"({"client_id": "p1_node1", "job_actions": [{"freezer_action": {"action": "backup", "mode": "tape"}}]})",
       "(field: job_actions.0.freezer_action.mode)"},
      {R"({"client_id": "p1_node1", "job_actions": [{"freezer_action": {"mode": "fs"}}]})",
       "'action' is a required property"},
      {R"({"client_id": "p1_node1", "job_actions": [], "session_tag": "1"})",
       "(field: session_tag)"},
      {R"({"client_id": "p1_node1", "job_actions": [], "action_defaults": [1]})",
       "action_defaults shouldbe a dictionary"},
      {R"({"client_id": "p1_node1", "job_actions": [], "job_id": "has space"})", "(field: job_id)"},
      {R"({"client_id": "p1_node1", "job_actions": [], "description": ")" + std::string(256, 'd') +
           "\"}",
       "is too long (field: description)"},
      {"[]", "Missing request body"},
      {"[1]", "must be a JSON object"},
      {"{}", "Missing request body"},
  };
  for (const auto& c : cases) {
    auto r = http_->post("/v2/p1/jobs/", c.body);
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    if (r.status == 400) {
      EXPECT_NE(description(r).find(c.expected), std::string::npos) << description(r);
    }
  }
  EXPECT_EQ(http_->post("/v2/p1/jobs/", "{\"client_id\": ").status, 753);
  EXPECT_EQ(action_count(), 0u);
}

TEST_F(JobsApi, AcceptsWhatUpstreamClientsSend) {
  auto id = create(R"({"client_id": "p1_node1", "user_id": "ignored", "description": null,
      "session_id": null, "session_name": "x", "_version": 3,
      "job_schedule": {"time_created": 1, "time_started": 2, "time_ended": 3,
                       "schedule_date": "2030-01-01T00:00:00", "schedule_start_date": "2030-01-01T00:00:00Z",
                       "event": "", "status": "", "result": "", "current_pid": 4},
      "action_defaults": {"container": "defaults", "storage": "swift"},
      "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "container": null},
                       "exit_status": "ok", "mandatory": false, "max_retries": 1, "max_retries_interval": 2,
                       "custom": {"any": "thing"}}]})");
  auto job = show(id);
  EXPECT_STRNE(job["user_id"].GetString(), "ignored");
  EXPECT_TRUE(job["description"].IsNull());
  EXPECT_TRUE(job["session_id"].IsNull());
  EXPECT_NE(job["job_schedule"]["time_created"].GetInt64(), 1);  // set by the server
  EXPECT_STREQ(job["job_actions"][0]["freezer_action"]["container"].GetString(), "defaults");
  EXPECT_STREQ(job["job_actions"][0]["freezer_action"]["storage"].GetString(), "swift");
}

TEST_F(JobsApi, TheClientMustBeTheProjectsOrCentral) {
  auto ghost = http_->post("/v2/p1/jobs", job_body("ghost", kFsBackup));
  EXPECT_EQ(ghost.status, 422);
  EXPECT_EQ(description(ghost), "Client not found with ID ghost");
  EXPECT_STREQ(parse(ghost.body)["title"].GetString(), "Unprocessable Entity");
  ASSERT_EQ(http_->post("/v2/p2/clients", R"({"client_id": "p2_node"})").status, 201);
  EXPECT_EQ(http_->post("/v2/p1/jobs", job_body("p2_node", kFsBackup)).status, 422);
  ASSERT_EQ(http_
                ->request("POST", "/v2/admin/clients",
                          R"({"client_id": "central", "is_central": true})", {"X-Roles: admin"})
                .status,
            201);
  create(job_body("central", kFsBackup));
}

TEST_F(JobsApi, CapabilityCheckNamesTheUnsupportedValue) {
  struct Case {
    const char* freezer_action;
    const char* expected;
  } cases[] = {
      {R"({"action": "backup", "mode": "nova"})", "Client p1_node1 does not support mode: nova"},
      {R"({"action": "restore", "mode": "fs"})",
       "Client p1_node1 does not support action: restore"},
      {R"({"action": "backup", "mode": "fs", "storage": "s3"})",
       "Client p1_node1 does not support storage: s3"},
      {R"({"action": "backup", "mode": "fs", "engine": "rsync"})",
       "Client p1_node1 does not support engine: rsync"},
      {R"({"action": "backup", "mode": "fs", "engine_name": "rsync"})",
       "Client p1_node1 does not support engine: rsync"},
      {R"({"action": "backup", "mode": "fs", "storage": 5})",
       "Client p1_node1 does not support storage: 5"},
  };
  for (const auto& c : cases) {
    auto r = http_->post("/v2/p1/jobs", job_body("p1_node1", c.freezer_action));
    EXPECT_EQ(r.status, 422) << c.freezer_action;
    EXPECT_EQ(description(r), c.expected);
  }
  // Empty values are not checked; supported ones pass.
  create(job_body("p1_node1",
                  R"({"action": "backup", "mode": "mysql", "storage": "", "engine_name": null})"));
  create(job_body("p1_node1", kFsBackup));
}

TEST_F(JobsApi, RefusedJobsLeaveNoActionsBehind) {
  http_->post("/v2/p1/jobs",
              job_body("p1_node1", R"({"action": "backup", "mode": "nova"})"));     // 422
  http_->post("/v2/p1/jobs", job_body("ghost", kFsBackup));                         // 422
  http_->post("/v2/p1/jobs", job_body("p1_node1", kFsBackup, R"(, "colour": 1)"));  // 400
  create(job_body("p1_node1", kFsBackup, R"(, "job_id": "taken")"));
  auto dup = http_->post("/v2/p1/jobs", job_body("p1_node1", kFsBackup, R"(, "job_id": "taken")"));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(action_count(), 1u);  // only the accepted job's action
}

TEST_F(JobsApi, InlineActionsReuseIdenticalStoredActions) {
  auto action = parse(
      http_->post("/v2/p1/actions", std::string(R"({"freezer_action": )") + kFsBackup + "}").body);
  std::string action_id = action["action_id"].GetString();
  auto same = create(R"({"client_id": "p1_node1", "job_actions": [{"action_id": ")" + action_id +
                     R"(", "freezer_action": )" + kFsBackup + "}]}");
  EXPECT_EQ(show(same)["job_actions"][0]["action_id"].GetString(), action_id);
  EXPECT_EQ(action_count(), 1u);
  auto changed = create(R"({"client_id": "p1_node1", "job_actions": [{"action_id": ")" + action_id +
                        R"(", "freezer_action": {"action": "info"}}]})");
  EXPECT_NE(show(changed)["job_actions"][0]["action_id"].GetString(), action_id);
  EXPECT_EQ(action_count(), 2u);
  // Another project's action id cannot be taken over.
  ASSERT_EQ(http_->post("/v2/p2/clients", R"({"client_id": "p2_node"})").status, 201);
  auto foreign =
      http_->post("/v2/p2/jobs", R"({"client_id": "p2_node", "job_actions": [{"action_id": ")" +
                                     action_id + R"(", "freezer_action": {"action": "info"}}]})");
  EXPECT_EQ(foreign.status, 409);
}

TEST_F(JobsApi, DeletingAnActionRemovesItFromJobs) {
  auto id = create(job_body("p1_node1", kFsBackup));
  std::string action_id = show(id)["job_actions"][0]["action_id"].GetString();
  ASSERT_EQ(http_->del("/v2/p1/actions/" + action_id).status, 204);
  EXPECT_EQ(show(id)["job_actions"].Size(), 0u);
}

TEST_F(JobsApi, PatchWithoutScheduleKeepsSchedule) {
  auto id = create(job_body("p1_node1", kFsBackup));
  auto r = patch(id, R"({"description": "changed"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"job_id":")" + id + R"(","version":0})");
  auto job = show(id);
  EXPECT_STREQ(job["description"].GetString(), "changed");
  EXPECT_STREQ(job["job_schedule"]["schedule_interval"].GetString(), "1 days");
  EXPECT_STREQ(job["job_schedule"]["status"].GetString(), "scheduled");
  ASSERT_EQ(patch(id, "{}").status, 200);
  EXPECT_STREQ(show(id)["job_schedule"]["status"].GetString(), "scheduled");
}

TEST_F(JobsApi, PatchAsTheSchedulerSendsIt) {
  auto id = create(job_body("p1_node1", kFsBackup));
  auto r = http_->request(
      "PATCH", "/v2/p1/jobs/" + id,
      R"({"job_schedule": {"status": "running", "event": "", "current_pid": 4242}, "session_id": "", "session_tag": 0})",
      {"X-User-Id: scheduler"});
  ASSERT_EQ(r.status, 200) << r.body;
  auto job = show(id);
  EXPECT_STREQ(job["job_schedule"]["status"].GetString(), "running");
  EXPECT_EQ(job["job_schedule"]["current_pid"].GetInt(), 4242);
  EXPECT_STREQ(job["user_id"].GetString(), "scheduler");  // the last writer, as upstream
  EXPECT_EQ(job["job_actions"].Size(), 1u);
}

TEST_F(JobsApi, PatchCannotMoveAJobToAnotherProject) {
  auto id = create(job_body("p1_node1", kFsBackup));
  ASSERT_EQ(patch(id, R"({"project_id": "p2", "description": "x"})").status, 200);
  EXPECT_EQ(http_->get("/v2/p1/jobs/" + id).status, 200);
  EXPECT_EQ(http_->get("/v2/p2/jobs/" + id).status, 404);
}

TEST_F(JobsApi, PatchOfAMissingJobIs404) {
  auto r = patch("nope", job_body("p1_node1", kFsBackup));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(description(r), "Job not registered with ID nope");
  auto id = create(job_body("p1_node1", kFsBackup));
  EXPECT_EQ(http_->request("PATCH", "/v2/p2/jobs/" + id, R"({"description": "x"})").status, 404);
  EXPECT_EQ(action_count(), 1u);
}

TEST_F(JobsApi, PatchChecksANewClientOrNewActions) {
  auto id = create(job_body("p1_node1", kFsBackup));
  ASSERT_EQ(
      http_->post("/v2/p1/clients", R"({"client_id": "mysql-only", "supported_modes": ["mysql"]})")
          .status,
      201);
  auto moved = patch(id, R"({"client_id": "mysql-only"})");
  EXPECT_EQ(moved.status, 422);
  EXPECT_EQ(description(moved), "Client mysql-only does not support mode: fs");
  EXPECT_EQ(patch(id, R"({"client_id": "ghost"})").status, 422);
  auto actions =
      patch(id, R"({"job_actions": [{"freezer_action": {"action": "backup", "mode": "nova"}}]})");
  EXPECT_EQ(actions.status, 422);
  EXPECT_STREQ(show(id)["client_id"].GetString(), "p1_node1");
  ASSERT_EQ(
      patch(id, R"({"job_actions": [{"freezer_action": {"action": "backup", "mode": "mysql"}}]})")
          .status,
      200);
  ASSERT_EQ(patch(id, R"({"client_id": "mysql-only"})").status, 200);
  auto job = show(id);
  EXPECT_STREQ(job["client_id"].GetString(), "mysql-only");
  EXPECT_STREQ(job["job_actions"][0]["freezer_action"]["mode"].GetString(), "mysql");
}

TEST_F(JobsApi, OddPatchBodiesAre400) {
  auto id = create(job_body("p1_node1", kFsBackup));
  for (const auto& body : {"[1]", "5", R"({"job_actions": {}})", R"({"session_name": 5})",
                           R"({"unknown": 1})", R"({"job_schedule": {"status": "sleeping"}})"}) {
    EXPECT_EQ(patch(id, body).status, 400) << body;
  }
  EXPECT_EQ(patch(id, R"({"session_name": "kept out", "_version": 2})").status, 200);
}

TEST_F(JobsApi, EventsDriveTheScheduleStateMachine) {
  auto id = create(job_body("p1_node1", kFsBackup));
  auto start = event(id, R"({"start": null})");
  EXPECT_EQ(start.status, 202);
  EXPECT_EQ(start.body, R"({"result":"success"})");
  auto started = show(id);
  const auto& schedule = started["job_schedule"];
  EXPECT_STREQ(schedule["event"].GetString(), "start");
  EXPECT_STREQ(schedule["status"].GetString(), "");
  EXPECT_STREQ(schedule["result"].GetString(), "");
  EXPECT_STREQ(parse(event(id, R"({"start": null})").body)["result"].GetString(),
               "start already requested");
  EXPECT_STREQ(parse(event(id, R"({"stop": {}})").body)["result"].GetString(), "success");
  EXPECT_STREQ(parse(event(id, R"({"stop": null})").body)["result"].GetString(),
               "stop already requested");
  EXPECT_STREQ(show(id)["job_schedule"]["event"].GetString(), "stop");
  EXPECT_STREQ(parse(event(id, R"({"abort": null})").body)["result"].GetString(), "success");
  EXPECT_STREQ(parse(event(id, R"({"abort": null})").body)["result"].GetString(),
               "abort already requested");
  EXPECT_STREQ(parse(event(id, R"({"start": null})").body)["result"].GetString(), "success");
}

TEST_F(JobsApi, EventErrors) {
  auto id = create(job_body("p1_node1", kFsBackup));
  EXPECT_EQ(description(event(id, "{}")), "Bad event request format");
  EXPECT_EQ(event(id, "[\"start\"]").status, 400);
  auto bad = event(id, R"({"pause": null})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(description(bad), "Bad Action Method");
  auto missing = event("nope", R"({"start": null})");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(event(id, "{").status, 753);
  // An event on a job whose client is gone: 422, as upstream.
  ASSERT_EQ(http_->del("/v2/p1/clients/p1_node1").status, 204);
  EXPECT_EQ(event(id, R"({"start": null})").status, 422);
}

TEST_F(JobsApi, PostToItemCreatesOrReplaces) {
  auto r = http_->post("/v2/p1/jobs/job-x", job_body("p1_node1", kFsBackup));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body, R"({"job_id":"job-x","version":"job-x"})");
  auto replaced = http_->post("/v2/p1/jobs/job-x", R"({"client_id": "p1_node1", "description": "v2",
      "job_schedule": {"schedule_interval": "2 days"},
      "job_actions": [{"freezer_action": {"action": "info"}}]})");
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  auto job = show("job-x");
  EXPECT_STREQ(job["description"].GetString(), "v2");
  EXPECT_FALSE(job["job_schedule"].HasMember("time_created"));
  EXPECT_STREQ(job["job_actions"][0]["freezer_action"]["action"].GetString(), "info");
  EXPECT_EQ(http_->post("/v2/p1/jobs/job-x", R"({"client_id": "p1_node1"})").status, 400);
  EXPECT_EQ(http_->post("/v2/p1/jobs/job-x", job_body("p1_node1", R"({"action": "admin"})")).status,
            422);
  ASSERT_EQ(http_->post("/v2/p2/clients", R"({"client_id": "p2_node"})").status, 201);
  EXPECT_EQ(http_->post("/v2/p2/jobs/job-x", job_body("p2_node", kFsBackup)).status, 409);
}

TEST_F(JobsApi, DeleteIs204AndScopedToTheProject) {
  auto id = create(job_body("p1_node1", kFsBackup));
  EXPECT_EQ(http_->del("/v2/p2/jobs/" + id).status, 204);
  EXPECT_EQ(http_->get("/v2/p1/jobs/" + id).status, 200);
  auto r = http_->del("/v2/p1/jobs/" + id);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  auto gone = http_->get("/v2/p1/jobs/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, "");
  EXPECT_EQ(action_count(), 1u);  // the job's actions are kept
}

TEST_F(JobsApi, CurrentPidIsHiddenFromThoseWhoDoNotOwnTheClient) {
  ASSERT_EQ(http_
                ->request("POST", "/v2/admin/clients",
                          R"({"client_id": "central", "is_central": true})", {"X-Roles: admin"})
                .status,
            201);
  auto mine = create(job_body("p1_node1", kFsBackup));
  auto central = create(job_body("central", kFsBackup));
  for (const auto& id : {mine, central})
    ASSERT_EQ(patch(id, R"({"job_schedule": {"current_pid": 77}})").status, 200);
  EXPECT_TRUE(show(mine)["job_schedule"].HasMember("current_pid"));
  EXPECT_FALSE(show(central)["job_schedule"].HasMember("current_pid"));
  auto admin = http_->request("GET", "/v2/p1/jobs/" + central, "", {"X-Roles: admin"});
  EXPECT_EQ(parse(admin.body)["job_schedule"]["current_pid"].GetInt(), 77);
  auto list = parse(http_->get("/v2/p1/jobs/?limit=100").body);
  int with_pid = 0;
  for (const auto& job : list["jobs"].GetArray())
    with_pid += job["job_schedule"].HasMember("current_pid");
  EXPECT_EQ(with_pid, 1);
}

}  // namespace
}  // namespace freezer::testing

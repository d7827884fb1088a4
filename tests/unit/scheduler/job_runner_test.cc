// JobRunner without freezer-agent: scripted agents stand in for it through the launcher seam
// (run/agent_process.h), against the real API (noauth, in this process). The real agent runs
// in tests/integration/scheduler.
#include "freezer_scheduler/run/job_runner.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>

#include "common/json.h"
#include "tests/support/api_server.h"
#include "tests/support/log_capture.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;
using testing::ApiServer;
using testing::parse;

// What one scripted agent does.
struct ScriptedRun {
  int exit_code = 0;
  std::string metadata;             // written where --metadata-out says, as the agent does
  bool runs_until_stopped = false;  // wait() returns only once stop() was called
  bool times_out = false;           // as AgentProcess reports a run past agent_timeout
  bool cannot_start = false;        // launch() throws, as for a missing executable
};

ScriptedRun exits(int code) {
  ScriptedRun run;
  run.exit_code = code;
  return run;
}
ScriptedRun writes(std::string metadata, int code = 0) {
  ScriptedRun run = exits(code);
  run.metadata = std::move(metadata);
  return run;
}
ScriptedRun runs_until_stopped() {
  ScriptedRun run;
  run.runs_until_stopped = true;
  return run;
}
ScriptedRun runs_past_its_time_limit() {
  ScriptedRun run;
  run.times_out = true;
  return run;
}
ScriptedRun cannot_start() {
  ScriptedRun run;
  run.cannot_start = true;
  return run;
}

class ScriptedAgent final : public RunningAgent {
 public:
  ScriptedAgent(ScriptedRun run, pid_t pid) : run_(std::move(run)), pid_(pid) {}
  pid_t pid() const override { return pid_; }
  AgentExit wait(std::chrono::seconds, std::chrono::seconds) override {
    AgentExit exit;
    if (run_.runs_until_stopped) {
      std::unique_lock lock(mutex_);
      woken_.wait(lock, [this] { return stopped_; });
    }
    exit.exit_code = run_.exit_code;
    exit.timed_out = run_.times_out;
    exit.stopped = stopped_ || run_.times_out;
    if (exit.stopped) {
      exit.exit_code = -1;
      exit.signal = SIGTERM;
    }
    return exit;
  }
  void stop() override {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    woken_.notify_all();
  }

 private:
  ScriptedRun run_;
  pid_t pid_;
  std::mutex mutex_;
  std::condition_variable woken_;
  bool stopped_ = false;
};

std::string argument_after(const AgentCommand& command, const std::string& flag) {
  for (std::size_t i = 0; i + 1 < command.arguments.size(); ++i)
    if (command.arguments[i] == flag) return command.arguments[i + 1];
  return "";
}

// Hands out the scripted runs in order (a successful run once they are used up) and keeps
// what each launch was given: the command and the action's INI file.
class ScriptedLauncher final : public AgentLauncher {
 public:
  ScriptedLauncher(std::initializer_list<ScriptedRun> runs = {}) : runs_(runs) {}
  std::unique_ptr<RunningAgent> launch(const AgentCommand& command) override {
    ScriptedRun run;
    if (!runs_.empty()) {
      run = runs_.front();
      runs_.pop_front();
    }
    std::ifstream ini(argument_after(command, "--config"));
    std::stringstream text;
    text << ini.rdbuf();
    inis.push_back(text.str());
    commands.push_back(command);
    if (run.cannot_start)
      throw std::system_error(ENOENT, std::generic_category(), "cannot run " + command.executable);
    if (!run.metadata.empty())
      std::ofstream(argument_after(command, "--metadata-out")) << run.metadata;
    return std::make_unique<ScriptedAgent>(run, 1000 + static_cast<pid_t>(commands.size()));
  }
  std::vector<AgentCommand> commands;
  std::vector<std::string> inis;

 private:
  std::deque<ScriptedRun> runs_;
};

class RecordingObserver final : public RunObserver {
 public:
  std::function<void()> on_agent_started;
  void agent_started(long long pid) override {
    pids.push_back(pid);
    if (on_agent_started) on_agent_started();
  }
  void session_tag_changed(long long tag) override { tags.push_back(tag); }
  std::vector<long long> pids, tags;
};

JobDocument job_of(const std::string& json, const std::string& default_project = "demo") {
  rapidjson::Document d;
  EXPECT_TRUE(common::parse_json(json, d)) << json;
  return parse_job_document(d, default_project);
}

std::string action(const std::string& freezer_action, int retries = 0,
                   const std::string& extra = "") {
  return R"({"freezer_action": )" + freezer_action + R"(, "max_retries": )" +
         std::to_string(retries) + R"(, "max_retries_interval": 0)" + extra + "}";
}

const std::string kBackup = R"({"action": "backup", "mode": "fs", "backup_name": "docs"})";
// What the agent writes with --metadata-out after a backup (the keys the API requires).
const std::string kMetadata =
    R"({"backup_name": "docs", "container": "/srv/store", "hostname": "node1"})";
const std::string kExec = R"({"action": "exec", "command": "true"})";

class JobRunnerTest : public ::testing::Test {
 protected:
  JobRunnerTest() {
    options_.agent_path = "freezer-agent";
    options_.agent_kill_grace = 1s;
    options_.api_timeout = 10s;
    options_.auth.auth_type = "none";
  }

  RunResult run(const JobDocument& job, ScriptedLauncher& launcher, bool with_api = true) {
    JobRunner runner(options_, launcher, with_api ? &api_ : nullptr);
    return runner.run(job, control_, observer_);
  }
  rapidjson::Document backups() { return parse(client_->get("/v2/demo/backups/").body); }

  ApiServer server_;
  std::unique_ptr<testing::HttpClient> client_ = server_.client();
  StaticIdentity identity_{server_.base_url(), "demo", ""};
  FreezerClient api_{identity_, common::HttpClientOptions{}};
  SchedulerOptions options_;
  RunControl control_;
  RecordingObserver observer_;
  testing::LogCapture logs_;
};

TEST_F(JobRunnerTest, ASuccessfulActionPostsTheMetadataTheAgentWrote) {
  ScriptedLauncher agent({writes(
      R"({"backup_name": "docs", "container": "/srv/store", "hostname": "node1", "job_id": "not-this"})")});
  auto job =
      job_of(R"({"job_id": "j1", "project_id": "demo", "job_actions": [)" + action(kBackup) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::success);
  ASSERT_EQ(agent.commands.size(), 1u);
  EXPECT_EQ(agent.commands[0].executable, "freezer-agent");
  EXPECT_NE(agent.inis[0].find("backup_name = docs"), std::string::npos) << agent.inis[0];
  EXPECT_EQ(observer_.pids, std::vector<long long>{1001});
  auto list = backups();
  ASSERT_EQ(list["backups"].Size(), 1u) << logs_.all();
  EXPECT_EQ(common::string_member(list["backups"][0]["backup_metadata"], "job_id"), "j1");
}

TEST_F(JobRunnerTest, AJobWithoutAProjectActsInTheDefaultOne) {
  ScriptedLauncher agent({writes(kMetadata)});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup) + "]}", "demo");
  EXPECT_EQ(job.project_id, "demo");
  EXPECT_EQ(run(job, agent), RunResult::success);
  EXPECT_EQ(backups()["backups"].Size(), 1u) << logs_.all();
}

TEST_F(JobRunnerTest, AFailingActionIsTriedMaxRetriesPlusOneTimes) {
  ScriptedLauncher agent({exits(1), exits(1), exits(1)});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup, 2) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::fail);
  EXPECT_EQ(agent.commands.size(), 3u);
  EXPECT_TRUE(logs_.contains("action backup failed after 3 tries")) << logs_.all();
}

TEST_F(JobRunnerTest, ARetryThatSucceedsMakesTheRunSucceed) {
  ScriptedLauncher agent({exits(2), exits(0)});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup, 5) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::success);
  EXPECT_EQ(agent.commands.size(), 2u);
}

TEST_F(JobRunnerTest, AfterAFailureOptionalActionsAreSkippedAndMandatoryOnesRun) {
  ScriptedLauncher agent({exits(1), exits(0)});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup) + ", " +
                    action(kBackup) + ", " + action(kBackup, 0, R"(, "mandatory": true)") + "]}");
  EXPECT_EQ(run(job, agent), RunResult::fail);
  EXPECT_EQ(agent.commands.size(), 2u);  // the first and the mandatory third
}

TEST_F(JobRunnerTest, ExecActionsFailWithoutAnAgentWhenExecIsDisabled) {
  options_.disable_exec = true;
  ScriptedLauncher agent;
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kExec) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::fail);
  EXPECT_TRUE(agent.commands.empty());
  EXPECT_TRUE(logs_.contains("exec actions are disabled")) << logs_.all();
}

TEST_F(JobRunnerTest, AnAbortStopsTheRunningAgentAndIsNotRetried) {
  ScriptedLauncher agent({runs_until_stopped()});
  observer_.on_agent_started = [this] { control_.abort(); };
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup, 3) + ", " +
                    action(kBackup) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::aborted);
  EXPECT_EQ(agent.commands.size(), 1u);
  EXPECT_TRUE(logs_.contains("Freezer-agent was killed by the scheduler")) << logs_.all();
}

TEST_F(JobRunnerTest, AnAgentPastItsTimeLimitCountsAsAborted) {
  options_.agent_timeout = 5s;
  ScriptedLauncher agent({runs_past_its_time_limit()});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup, 2) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::aborted);
  EXPECT_EQ(agent.commands.size(), 1u);
  EXPECT_TRUE(logs_.contains("ran longer than [scheduler] agent_timeout (5 s)")) << logs_.all();
}

TEST_F(JobRunnerTest, AnAgentThatCannotStartIsAFailedTry) {
  ScriptedLauncher agent({cannot_start(), cannot_start()});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup, 1) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::fail);
  EXPECT_EQ(agent.commands.size(), 2u);
  EXPECT_TRUE(logs_.contains("cannot run freezer-agent")) << logs_.all();
}

TEST_F(JobRunnerTest, MetadataOfAFailedRunIsStillRecorded) {
  ScriptedLauncher agent({writes(kMetadata, 1)});
  auto job = job_of(R"({"job_id": "j1", "job_actions": [)" + action(kBackup) + "]}");
  EXPECT_EQ(run(job, agent), RunResult::fail);
  EXPECT_EQ(backups()["backups"].Size(), 1u) << logs_.all();
}

TEST_F(JobRunnerTest, WithoutAnApiNothingIsPosted) {
  ScriptedLauncher agent({writes(kMetadata)});
  auto job =
      job_of(R"({"job_id": "j1", "session_id": "s1", "job_actions": [)" + action(kBackup) + "]}");
  EXPECT_EQ(run(job, agent, false), RunResult::success);
  EXPECT_EQ(backups()["backups"].Size(), 0u);
  EXPECT_TRUE(observer_.tags.empty());
}

// Ids with quotes, a backslash and a new line, where the API takes them: a session's jobs map
// and a backup's metadata. The session start and end bodies and the metadata carry them intact.
TEST_F(JobRunnerTest, IdsThatNeedEscapingGoThroughSessionsAndMetadataIntact) {
  const std::string awkward = "job \"one\" \\ two\nthree";
  auto created =
      client_->post("/v2/demo/sessions/", R"({"description": "nightly", "schedule": {}})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string session = *common::string_member(parse(created.body), "session_id");
  rapidjson::Document patch(rapidjson::kObjectType);
  auto& a = patch.GetAllocator();
  rapidjson::Value jobs(rapidjson::kObjectType);
  rapidjson::Value entry(rapidjson::kObjectType);
  entry.AddMember("client_id", "node1", a);
  jobs.AddMember(rapidjson::Value(awkward.c_str(), a), entry, a);
  patch.AddMember("jobs", jobs, a);
  ASSERT_EQ(client_
                ->request("PATCH", "/v2/demo/sessions/" + session, common::to_json(patch),
                          {"Content-Type: application/json"})
                .status,
            200);

  rapidjson::Document doc(rapidjson::kObjectType);
  auto& da = doc.GetAllocator();
  doc.AddMember("job_id", rapidjson::Value(awkward.c_str(), da), da);
  doc.AddMember("project_id", "demo", da);
  doc.AddMember("session_id", rapidjson::Value(session.c_str(), da), da);
  doc.AddMember("session_tag", 0, da);
  rapidjson::Value actions(rapidjson::kArrayType);
  rapidjson::Document one;
  one.Parse(action(kBackup).c_str());
  actions.PushBack(rapidjson::Value(one, da), da);
  doc.AddMember("job_actions", actions, da);
  auto job = parse_job_document(doc, "demo");

  ScriptedLauncher agent({writes(kMetadata)});
  EXPECT_EQ(run(job, agent), RunResult::success) << logs_.all();
  EXPECT_EQ(observer_.tags, std::vector<long long>{1});  // the session's turn started

  auto shown = parse(client_->get("/v2/demo/sessions/" + session).body);
  const auto& jobs_shown = shown["jobs"];
  ASSERT_TRUE(jobs_shown.HasMember(awkward.c_str())) << common::to_json(shown);
  EXPECT_EQ(common::string_member(jobs_shown[awkward.c_str()], "status"), "completed");
  EXPECT_EQ(common::string_member(jobs_shown[awkward.c_str()], "result"), "success");
  EXPECT_EQ(common::string_member(shown, "result"), "success");
  auto list = backups();
  ASSERT_EQ(list["backups"].Size(), 1u) << logs_.all();
  EXPECT_EQ(common::string_member(list["backups"][0]["backup_metadata"], "job_id"), awkward);
}

}  // namespace
}  // namespace freezer::scheduler

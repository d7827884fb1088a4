// The scheduler against the real API (noauth) with Debian's real freezer-agent: registration,
// runs, results, retries, events, and what gets recorded.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/json.h"
#include "freezer_scheduler/schedule/civil_time.h"
#include "tests/support/scheduler_harness.h"

namespace freezer::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

std::string make_source(const fs::path& dir) {
  fs::create_directories(dir / "src" / "sub");
  std::ofstream(dir / "src" / "a.txt") << "alpha\n";
  std::ofstream(dir / "src" / "sub" / "b.txt") << "beta\n";
  return (dir / "src").string();
}

std::string job_json(const std::string& actions, const std::string& schedule = "{}",
                     const std::string& client = "test-node") {
  return R"({"client_id": ")" + client + R"(", "description": "test job", "job_schedule": )" +
         schedule + R"(, "job_actions": )" + actions + "}";
}

std::string one_action(const std::string& freezer_action, int retries = 0, int interval = 0) {
  return R"([{"freezer_action": )" + freezer_action + R"(, "max_retries": )" +
         std::to_string(retries) + R"(, "max_retries_interval": )" + std::to_string(interval) +
         "}]";
}

// Processes (zombies aside: this machine's init may not reap them) in process group `group`.
int live_processes_in_group(pid_t group) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state;
    long ppid, pgrp;
    rest >> state >> ppid >> pgrp;
    if (pgrp == group && state != 'Z') ++count;
  }
  return count;
}

TEST(SchedulerRun, RegistersWithItsCapabilities) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h([](auto& o) { o.capabilities.modes = {"fs", "mysql"}; });
  h.start();
  auto client = parse(h.call("GET", "/v2/demo/clients/test-node").body);
  const auto& c = client["client"];
  EXPECT_EQ(common::to_json(c["supported_modes"]), R"(["fs","mysql"])");
  EXPECT_FALSE(c["is_central"].GetBool());
  EXPECT_FALSE(std::string(c["hostname"].GetString()).empty());
}

TEST(SchedulerRun, AOneShotBackupRunsAndIsRecorded) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  auto id = h.create_job(job_json(one_action(h.fs_backup_action(source, "docs"))));
  EXPECT_EQ(h.wait_for_result(id, 60s), "success") << h.logs().all();
  EXPECT_TRUE(
      SchedulerHarness::wait_for([&] { return h.job_field(id, "status") == "completed"; }, 10s));
  auto job = h.job(id);
  const auto& schedule = job["job_schedule"];
  EXPECT_GT(schedule["time_started"].GetInt64(), 0);
  EXPECT_GE(schedule["time_ended"].GetInt64(), schedule["time_started"].GetInt64());
  EXPECT_EQ(h.job_field(id, "event"), "");
  EXPECT_TRUE(schedule.HasMember("current_pid"));
  // The agent's data and metadata are in the local storage, and the backup record in the API.
  EXPECT_TRUE(fs::exists(h.dir() / "store" / "data"));
  EXPECT_TRUE(fs::exists(h.dir() / "store" / "metadata"));
  auto backups = h.backups();
  ASSERT_EQ(backups["backups"].Size(), 1u) << h.logs().all();
  const auto& metadata = backups["backups"][0]["backup_metadata"];
  EXPECT_STREQ(metadata["job_id"].GetString(), id.c_str());
  EXPECT_STREQ(metadata["backup_name"].GetString(), "docs");
  EXPECT_STREQ(metadata["mode"].GetString(), "fs");
  // The job is dropped once the API no longer lists it (completed).
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.scheduler().job_count() == 0; }, 10s));
}

TEST(SchedulerRun, WarningsOnTheAgentsStderrDoNotLoseTheMetadata) {
  SKIP_WITHOUT_AGENT();
  // Every Python warning shown: the agent prints several on stderr, then succeeds.
  setenv("PYTHONWARNINGS", "always", 1);
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  auto id = h.create_job(job_json(one_action(h.fs_backup_action(source, "warned"))));
  auto result = h.wait_for_result(id, 60s);
  unsetenv("PYTHONWARNINGS");
  ASSERT_EQ(result, "success");
  EXPECT_TRUE(h.logs().contains("Freezer client warnings")) << h.logs().all();
  EXPECT_TRUE(h.logs().contains("DeprecationWarning"));
  EXPECT_EQ(h.backups()["backups"].Size(), 1u);
}

TEST(SchedulerRun, AFailingActionIsRetriedMaxRetriesTimes) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto id =
      h.create_job(job_json(one_action(h.fs_backup_action("/nonexistent/path", "nothing"), 2, 1)));
  EXPECT_EQ(h.wait_for_result(id, 60s), "fail");
  EXPECT_EQ(h.logs().count("freezer-agent started"), 3u) << h.logs().all();
  EXPECT_EQ(h.logs().count("failed backup action, retrying in 1 seconds"), 2u);
  EXPECT_TRUE(h.logs().contains("action backup failed after 3 tries"));
  EXPECT_EQ(h.backups()["backups"].Size(), 0u);
}

TEST(SchedulerRun, AbortKillsTheAgentAndWhatItStarted) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto id = h.create_job(job_json(one_action(h.exec_action("sleep 300"), 3, 1)));
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] {
        return h.job_field(id, "status") == "running" && !h.job_field(id, "current_pid").empty();
      },
      30s));
  pid_t agent = std::stoi(h.job_field(id, "current_pid"));
  // Wait for the agent to have started its command.
  ASSERT_TRUE(SchedulerHarness::wait_for([&] { return live_processes_in_group(agent) >= 2; }, 20s));
  h.send_event(id, "abort");
  EXPECT_EQ(h.wait_for_result(id, 30s), "aborted") << h.logs().all();
  EXPECT_EQ(h.job_field(id, "status"), "stop");
  EXPECT_EQ(h.job_field(id, "event"), "");
  EXPECT_NE(kill(agent, 0), 0);  // the agent is gone
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return live_processes_in_group(agent) == 0; }, 5s))
      << "a process of the agent's group survived";
  EXPECT_EQ(h.logs().count("freezer-agent started"), 1u);  // aborted: no retry
}

TEST(SchedulerRun, AStopEventStopsARecurringJob) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  auto id = h.create_job(job_json(one_action(h.fs_backup_action(source, "recurring")),
                                  R"({"schedule_interval": "6 seconds"})"));
  ASSERT_TRUE(SchedulerHarness::wait_for([&] { return h.backups()["backups"].Size() >= 1; }, 60s))
      << h.logs().all();
  // Between two runs (an event sent while the scheduler writes the job can be overwritten:
  // the API's PATCH replaces job_schedule whole).
  ASSERT_TRUE(
      SchedulerHarness::wait_for([&] { return h.job_field(id, "status") == "scheduled"; }, 30s));
  h.send_event(id, "stop");
  ASSERT_TRUE(SchedulerHarness::wait_for([&] { return h.job_field(id, "status") == "stop"; }, 30s))
      << h.logs().all();
  EXPECT_EQ(h.job_field(id, "event"), "");
  auto count = h.backups()["backups"].Size();
  std::this_thread::sleep_for(5s);
  EXPECT_EQ(h.backups()["backups"].Size(), count) << "the job ran after it was stopped";
  // And a start event schedules it again.
  h.send_event(id, "start");
  EXPECT_TRUE(
      SchedulerHarness::wait_for([&] { return h.backups()["backups"].Size() > count; }, 60s));
}

TEST(SchedulerRun, AJobDeletedInTheApiIsDroppedWithItsCacheFile) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  auto id = h.create_job(job_json(one_action(h.fs_backup_action(source, "later")),
                                  R"({"schedule_interval": "1 days"})"));
  auto cache = h.dir() / "jobs" / ("job_" + id + ".conf");
  ASSERT_TRUE(SchedulerHarness::wait_for([&] { return fs::exists(cache); }, 10s));
  EXPECT_EQ(fs::status(cache).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(h.call("DELETE", "/v2/demo/jobs/" + id).status, 204);
  EXPECT_TRUE(
      SchedulerHarness::wait_for([&] { return !h.scheduler().job_phase(id).has_value(); }, 10s));
  EXPECT_FALSE(fs::exists(cache));
  EXPECT_TRUE(h.logs().contains("Job " + id + " removed"));
}

TEST(SchedulerRun, ExecActionsFailWhenExecIsDisabled) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h([](auto& o) { o.disable_exec = true; });
  h.start();
  auto id = h.create_job(job_json(one_action(h.exec_action("true"))));
  EXPECT_EQ(h.wait_for_result(id, 30s), "fail");
  EXPECT_TRUE(h.logs().contains("exec actions are disabled")) << h.logs().all();
  EXPECT_EQ(h.logs().count("freezer-agent started"), 0u);
}

TEST(SchedulerRun, AnAgentOverItsTimeLimitIsStopped) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h([](auto& o) { o.agent_timeout = 3s; });
  h.start();
  auto id = h.create_job(job_json(one_action(h.exec_action("sleep 120"), 2, 1)));
  EXPECT_EQ(h.wait_for_result(id, 40s), "aborted") << h.logs().all();
  EXPECT_TRUE(h.logs().contains("ran longer than [scheduler] agent_timeout (3 s)"));
}

TEST(SchedulerRun, JobsRunConcurrentlyUpToConcurrentJobs) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h([](auto& o) { o.concurrent_jobs = 2; });
  h.start();
  auto a = h.create_job(job_json(one_action(h.exec_action("sleep 6"))));
  auto b = h.create_job(job_json(one_action(h.exec_action("sleep 6"))));
  EXPECT_TRUE(SchedulerHarness::wait_for(
      [&] {
        return h.job_field(a, "status") == "running" && h.job_field(b, "status") == "running";
      },
      30s))
      << h.logs().all();
  EXPECT_EQ(h.wait_for_result(a, 40s), "success");
  EXPECT_EQ(h.wait_for_result(b, 40s), "success");
}

TEST(SchedulerRun, ABadScheduleFailsItsJobOnlyAndSaysWhichField) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  auto bad = h.create_job(job_json(one_action(h.fs_backup_action(source, "bad")),
                                   R"({"schedule_day_of_week": "someday"})"));
  auto good = h.create_job(job_json(one_action(h.fs_backup_action(source, "good"))));
  EXPECT_EQ(h.wait_for_result(bad, 30s), "fail");
  EXPECT_EQ(h.job_field(bad, "status"), "stop");
  EXPECT_TRUE(h.logs().contains("schedule_day_of_week: invalid weekday name \"someday\""))
      << h.logs().all();
  EXPECT_EQ(h.wait_for_result(good, 60s), "success");
}

TEST(SchedulerRun, AJobBeyondNarrowedCapabilitiesIsReportedFailedAndNotRun) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto id = h.create_job(job_json(one_action(h.fs_backup_action("/etc/hostname", "x")),
                                  R"({"schedule_interval": "1 days"})"));
  ASSERT_TRUE(
      SchedulerHarness::wait_for([&] { return h.job_field(id, "status") == "scheduled"; }, 10s));
  // The operator narrows the capabilities and reloads: the client is registered again, and
  // the scheduled job, which the API accepted before, is refused from now on.
  auto narrowed = h.options();
  narrowed.capabilities.modes = {"cindernative"};
  h.scheduler().reload(narrowed);
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] {
        auto c = parse(h.call("GET", "/v2/demo/clients/test-node").body);
        return common::to_json(c["client"]["supported_modes"]) == R"(["cindernative"])";
      },
      10s));
  EXPECT_EQ(h.wait_for_result(id, 30s), "fail");
  EXPECT_EQ(h.job_field(id, "status"), "stop");
  EXPECT_TRUE(h.logs().contains("mode 'fs' is not in [capabilities] supported_modes"))
      << h.logs().all();
  EXPECT_EQ(h.logs().count("freezer-agent started"), 0u);
}

TEST(SchedulerRun, ReportsNeverWipeAScheduleEditedDuringARun) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto id = h.create_job(
      job_json(one_action(h.exec_action("sleep 4")),
               R"({"schedule_start_date": "2020-01-01T00:00:00", "schedule_interval": "1 days"})"));
  // Once the run's start is fully reported (status, then the agent's pid)...
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] {
        return h.job_field(id, "status") == "running" && !h.job_field(id, "current_pid").empty();
      },
      30s));
  // ...the user edits the schedule while the job runs (a PATCH replaces the whole job_schedule).
  auto current = h.job(id);
  rapidjson::Document patch(rapidjson::kObjectType);
  rapidjson::Value schedule;
  schedule.CopyFrom(current["job_schedule"], patch.GetAllocator());
  schedule["schedule_interval"].SetString("7 days");
  patch.AddMember("job_schedule", schedule, patch.GetAllocator());
  ASSERT_EQ(h.call("PATCH", "/v2/demo/jobs/" + id, common::to_json(patch)).status, 200);
  EXPECT_EQ(h.wait_for_result(id, 30s), "success");
  ASSERT_TRUE(
      SchedulerHarness::wait_for([&] { return h.job_field(id, "status") == "scheduled"; }, 10s));
  EXPECT_EQ(h.job_field(id, "schedule_interval"), "7 days");
  EXPECT_EQ(h.job_field(id, "schedule_start_date"), "2020-01-01T00:00:00");
}

TEST(SchedulerRun, SessionJobsTakeTheirTurnTogether) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  // Both jobs take the session's schedule: they fire together a few seconds from now. They
  // are made with that schedule too: the scheduler may list a job before it joins the session,
  // and a job it first saw stopped would stay stopped.
  auto start = scheduler::format_iso_datetime(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 8s);
  const std::string schedule =
      R"({"schedule_start_date": ")" + start + R"(", "schedule_interval": "1 days"})";
  auto created =
      h.call("POST", "/v2/demo/sessions",
             R"({"description": "nightly", "hold_off": 60, "schedule": )" + schedule + "}");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string session = parse(created.body)["session_id"].GetString();
  std::vector<std::string> ids;
  for (const char* name : {"one", "two"}) {
    ids.push_back(h.create_job(job_json(one_action(h.fs_backup_action(source, name)), schedule)));
    auto added = h.call("PUT", "/v2/demo/sessions/" + session + "/jobs/" + ids.back());
    ASSERT_EQ(added.status, 204) << added.body;
  }
  for (const auto& id : ids) EXPECT_EQ(h.wait_for_result(id, 60s), "success") << h.logs().all();
  auto s = parse(h.call("GET", "/v2/demo/sessions/" + session).body);
  EXPECT_EQ(s["session_tag"].GetInt(), 1) << common::to_json(s);
  EXPECT_STREQ(s["status"].GetString(), "completed");
  EXPECT_STREQ(s["result"].GetString(), "success");
  for (const auto& id : ids) {
    EXPECT_STREQ(s["jobs"][id.c_str()]["status"].GetString(), "completed");
    EXPECT_STREQ(s["jobs"][id.c_str()]["result"].GetString(), "success");
    EXPECT_TRUE(
        SchedulerHarness::wait_for([&] { return h.job(id)["session_tag"].GetInt() == 1; }, 10s));
    EXPECT_EQ(h.job_field(id, "schedule_interval"), "1 days");  // the session's schedule is kept
  }
  EXPECT_EQ(h.logs().count("started its turn of session"), 2u);
}

TEST(SchedulerRun, AJobFiringAgainWithinTheSessionsHoldOffWaitsForIt) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto source = make_source(h.dir());
  auto created = h.call(
      "POST", "/v2/demo/sessions",
      R"({"description": "tight", "hold_off": 20, "schedule": {"schedule_interval": "3 seconds"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string session = parse(created.body)["session_id"].GetString();
  auto id = h.create_job(
      job_json(one_action(h.fs_backup_action(source, "held")), R"({"status": "stop"})"));
  ASSERT_EQ(h.call("PUT", "/v2/demo/sessions/" + session + "/jobs/" + id).status, 204);
  h.send_event(id, "start");
  // The second run comes 3 s after the first (once the first is over: seconds, more on a
  // loaded machine), inside the 20 s hold-off: it waits, then opens the session's next run.
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] { return h.logs().count("started its turn of session") >= 2; }, 60s))
      << h.logs().all();
  EXPECT_TRUE(h.logs().contains("holds off: session " + session));
  auto s = parse(h.call("GET", "/v2/demo/sessions/" + session).body);
  EXPECT_GE(s["session_tag"].GetInt(), 2);
  h.send_event(id, "stop");
}

TEST(SchedulerRun, AMissingAgentFailsTheJob) {
  SchedulerHarness h([](auto& o) { o.agent_path = "/nonexistent/freezer-agent"; });
  h.start();
  auto id = h.create_job(job_json(one_action(h.fs_backup_action("/etc/hostname", "x"), 1, 0)));
  EXPECT_EQ(h.wait_for_result(id, 30s), "fail");
  EXPECT_TRUE(h.logs().contains("cannot run /nonexistent/freezer-agent")) << h.logs().all();
  EXPECT_TRUE(
      SchedulerHarness::wait_for([&] { return h.job_field(id, "status") == "completed"; }, 10s));
}

TEST(SchedulerRun, NoApiModeRunsJobFilesAndHonoursMandatoryActions) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h([](auto& o) { o.no_api = true; });
  auto source = make_source(h.dir());
  fs::create_directories(h.dir() / "jobs");
  // A failing first action: the next is skipped, the mandatory one still runs.
  std::ofstream(h.dir() / "jobs" / "nightly.CONF")
      << R"({"job_schedule": {}, "job_actions": [)"
      << R"({"freezer_action": )" << h.fs_backup_action("/nonexistent", "broken")
      << R"(, "max_retries": 0},)"
      << R"({"freezer_action": )" << h.fs_backup_action(source, "skipped") << R"(},)"
      << R"({"freezer_action": )" << h.fs_backup_action(source, "mandatory")
      << R"(, "mandatory": true}]})";
  h.start();
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] {
        return h.logs().contains("action backup failed after 1 tries") &&
               h.logs().count("returned success exit code") == 1;
      },
      60s))
      << h.logs().all();
  EXPECT_TRUE(h.logs().contains("skipping backup action"));
  EXPECT_TRUE(fs::exists(h.dir() / "store" / "data" / "tar"));
  bool mandatory_ran = false, skipped_ran = false;
  for (const auto& e : fs::directory_iterator(h.dir() / "store" / "data" / "tar")) {
    std::string name = e.path().filename().string();
    mandatory_ran |= name.ends_with("_mandatory");
    skipped_ran |= name.ends_with("_skipped");
  }
  EXPECT_TRUE(mandatory_ran);
  EXPECT_FALSE(skipped_ran);
}

TEST(SchedulerRun, StoppingTheSchedulerStopsRunningAgentsAndLeavesTheJobScheduled) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  auto id = h.create_job(job_json(one_action(h.exec_action("sleep 300"))));
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] {
        return !h.job_field(id, "current_pid").empty() && h.job_field(id, "status") == "running";
      },
      30s));
  pid_t agent = std::stoi(h.job_field(id, "current_pid"));
  auto started = std::chrono::steady_clock::now();
  h.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_NE(kill(agent, 0), 0);
  EXPECT_EQ(h.job_field(id, "result"), "aborted");
  EXPECT_EQ(h.job_field(id, "status"), "scheduled");  // the next scheduler runs it again
}

}  // namespace
}  // namespace freezer::testing

namespace freezer::testing {
namespace {

unsigned short free_port() {
  ApiServer probe;  // binds an ephemeral port; the port is free again once it is gone
  auto url = probe.base_url();
  return static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
}

TEST(SchedulerRun, AnApiThatIsDownIsRetriedWithBackOff) {
  SKIP_WITHOUT_AGENT();
  unsigned short port = free_port();
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  SchedulerHarness h([&](auto& o) { o.auth.backup_url = url; });
  // The scheduler comes up before the API: registration fails and is retried.
  common::SystemClock clock;
  auto options = h.options();
  scheduler::Scheduler s(options, std::make_unique<scheduler::StaticIdentity>(url, "demo", ""),
                         clock);
  std::thread runner([&] { s.run(); });
  struct Join {
    scheduler::Scheduler& s;
    std::thread& t;
    ~Join() {
      s.stop();
      t.join();
    }
  } join{s, runner};
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] { return h.logs().count("Failed to register client") >= 2; }, 15s))
      << h.logs().all();
  {
    ApiServer api("", {}, port);
    HttpClient http(api.base_url());
    EXPECT_TRUE(SchedulerHarness::wait_for(
        [&] { return http.request("GET", "/v2/demo/clients/test-node").status == 200; }, 20s))
        << h.logs().all();
    EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.logs().contains("Poll cycle"); }, 10s));
  }
  // The API goes away: polls fail (at worst after api_timeout, 10 s here, when a kept-alive
  // connection gets no answer), are retried, and resume when it is back.
  auto failures = h.logs().count("Unable to get jobs");
  ASSERT_TRUE(SchedulerHarness::wait_for(
      [&] { return h.logs().count("Unable to get jobs") > failures; }, 30s))
      << h.logs().all();
  auto cycles = h.logs().count("Poll cycle");
  ApiServer back("", {}, port);
  EXPECT_TRUE(
      SchedulerHarness::wait_for([&] { return h.logs().count("Poll cycle") > cycles; }, 20s))
      << h.logs().all();
}

}  // namespace
}  // namespace freezer::testing

namespace freezer::testing {
namespace {

TEST(SchedulerRun, EveryPageOfJobsIsListedEvenWhenTheApiCapsPages) {
  SKIP_WITHOUT_AGENT();
  // Pages of 3 asked for, the API gives at most 2 (its max_limit): 7 jobs take 4 pages.
  SchedulerHarness h([](auto& o) { o.api_page_size = 3; },
                     "[api]\ndefault_limit = 2\nmax_limit = 2\n");
  h.start();
  for (int i = 0; i < 7; ++i)
    h.create_job(
        R"({"client_id": "test-node", "job_schedule": {"status": "stop"}, "job_actions": [{"freezer_action": )" +
        h.fs_backup_action("/etc/hostname", "n" + std::to_string(i)) + "}]}");
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.scheduler().job_count() == 7; }, 10s))
      << h.logs().all();
  // Full listings and change listings alike page past the cap.
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.logs().contains("Poll cycle: 7 "); }, 10s));
  EXPECT_FALSE(h.logs().contains("ignores list markers"));
}

// After a first full listing, polls ask this API only for what changed: a new job is taken,
// a job given to another client and a deleted job are dropped, and a change of the pool's
// members (none here) or a failed poll would list every job again.
TEST(SchedulerRun, PollsAfterTheFirstListOnlyTheChanges) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  h.start();
  ASSERT_TRUE(
      SchedulerHarness::wait_for([&] { return h.logs().contains("Poll cycle: 0 jobs"); }, 10s))
      << h.logs().all();
  const std::string job = R"({"client_id": "test-node", "job_schedule": {"status": "stop"},
      "job_actions": [{"freezer_action": )" +
                          h.fs_backup_action("/etc/hostname", "changes") + "}]}";
  auto kept = h.create_job(job);
  auto moved = h.create_job(job);
  auto deleted = h.create_job(job);
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.scheduler().job_count() == 3; }, 10s))
      << h.logs().all();
  // The cycle's line comes once its pages are reconciled and their job files written.
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.logs().contains("changed jobs"); }, 5s));
  EXPECT_EQ(h.logs().count("Polling for jobs from API"), 1u) << "one full listing only";

  ASSERT_EQ(
      h.call("POST", "/v2/demo/clients/", R"({"client_id": "other-node", "hostname": "other"})")
          .status,
      201);
  ASSERT_EQ(h.call("PATCH", "/v2/demo/jobs/" + moved, R"({"client_id": "other-node"})").status,
            200);
  ASSERT_EQ(h.call("DELETE", "/v2/demo/jobs/" + deleted).status, 204);
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.scheduler().job_count() == 1; }, 10s))
      << h.logs().all();
  EXPECT_TRUE(h.scheduler().job_phase(kept).has_value());
  EXPECT_EQ(h.logs().count("Polling for jobs from API"), 1u);
}

TEST(SchedulerRun, AClientIdHeldByAnotherProjectIsLoggedAndPollingGoesOn) {
  SKIP_WITHOUT_AGENT();
  SchedulerHarness h;
  HttpClient admin(h.api().base_url());
  auto taken =
      admin.request("POST", "/v2/other/clients",
                    R"({"client_id": "test-node", "hostname": "elsewhere", "is_central": true})",
                    {"Content-Type: application/json", "X-Project-Id: other", "X-Roles: admin"});
  ASSERT_EQ(taken.status, 201) << taken.body;
  auto options = h.options();
  common::SystemClock clock;
  scheduler::Scheduler s(
      options, std::make_unique<scheduler::StaticIdentity>(h.api().base_url(), "demo", ""), clock);
  std::thread runner([&] { s.run(); });
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.logs().contains("Poll cycle"); }, 10s))
      << h.logs().all();
  EXPECT_TRUE(h.logs().contains("Client already registered"));
  s.stop();
  runner.join();
}

}  // namespace
}  // namespace freezer::testing

namespace freezer::testing {
namespace {

TEST(SchedulerRun, ServiceModeSkipsJobsWithoutATrustSayingSoOnce) {
  // In noauth mode callers are members: let them act as the central scheduler does.
  char pattern[] = "/tmp/freezer-policy-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  fs::path policy = fs::path(pattern) / "policy.yaml";
  std::ofstream(policy) << "\"clients:create_central\": \"role:member\"\n"
                        << "\"jobs:get_all_projects\": \"role:member\"\n";
  SchedulerHarness h(
      [](auto& o) {
        o.centralized = true;
        o.capabilities.actions = {"backup", "restore", "admin", "info"};
        o.capabilities.modes = {"cindernative"};
      },
      "[oslo_policy]\npolicy_file = " + policy.string() + "\n");
  h.start();
  // This API runs without Keystone, so it creates no trusts.
  auto id = h.create_job(R"({"client_id": "test-node", "job_actions": [{"freezer_action":
      {"action": "info", "mode": "cindernative", "cindernative_vol_id": "v1"}}]})");
  ASSERT_TRUE(
      SchedulerHarness::wait_for([&] { return h.logs().count("Poll cycle: 1 ") >= 4; }, 20s))
      << h.logs().all();
  EXPECT_EQ(h.logs().count("Job " + id + " ignored: missing trust_id in centralized mode"), 1u);
  EXPECT_FALSE(h.scheduler().job_phase(id).has_value());
  EXPECT_EQ(h.job_field(id, "status"), "");  // never touched
  fs::remove_all(pattern);
}

TEST(SchedulerRun, ADueJobRunsTheCopyInJobsDirWhenTheApiCannotGiveItsDocument) {
  SKIP_WITHOUT_AGENT();
  // Idle jobs are held without their documents: a job falling due is read again. Here the API
  // refuses that read (its policy denies GET of a job), and the listing's copy runs instead.
  char pattern[] = "/tmp/freezer-policy-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  fs::path policy = fs::path(pattern) / "policy.yaml";
  std::ofstream(policy) << "\"jobs:get\": \"!\"\n";
  SchedulerHarness h({}, "[oslo_policy]\npolicy_file = " + policy.string() + "\n");
  h.start();
  auto source = make_source(h.dir());
  auto id = h.create_job(job_json(one_action(h.fs_backup_action(source, "from-copy"))));
  EXPECT_TRUE(SchedulerHarness::wait_for([&] { return h.backups()["backups"].Size() == 1; }, 60s))
      << h.logs().all();
  EXPECT_TRUE(h.logs().contains("Job " + id + ": the API cannot give its document"))
      << h.logs().all();
  fs::remove_all(pattern);
}

}  // namespace
}  // namespace freezer::testing

// The job state machine and the report it sends, driven with explicit times (no sleeping).
#include "freezer_scheduler/job/job_state.h"

#include <gtest/gtest.h>

#include "common/json.h"
#include "freezer_scheduler/job/report_body.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

TimePoint time_at(const std::string& iso) { return *parse_iso_datetime(iso); }
const TimePoint kNow = time_at("2026-03-01T10:00:00");

JobDocument job(const std::string& schedule, const std::string& extra = "") {
  std::string json = R"({"job_id": "j1", "project_id": "p1", "client_id": "node1",
                         "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs"},
                                          "max_retries": 2, "max_retries_interval": 5}],
                         "job_schedule": )" +
                     schedule + extra + "}";
  rapidjson::Document d;
  d.Parse(json.c_str());
  return parse_job_document(d, "own-project");
}

JobState seen(const JobDocument& doc, Effects& effects, TimePoint now = kNow) {
  return first_poll(doc, now, effects);
}

TEST(JobState, ANewJobWithoutStatusStartsByItself) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  EXPECT_EQ(s.phase, JobPhase::scheduled);
  EXPECT_EQ(s.report.status, JobStatus::scheduled);
  EXPECT_TRUE(e.report);
  EXPECT_EQ(s.report.consumed_event, "");  // nothing to clear: the event was the scheduler's own
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T11:00:00"));
}

TEST(JobState, ANewStoppedJobStaysStopped) {
  Effects e;
  auto s = seen(job(R"({"status": "stop"})"), e);
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_FALSE(s.next_fire);
}

TEST(JobState, AJobLeftRunningByACrashedSchedulerIsRescheduled) {
  Effects e;
  auto s = seen(job(R"({"status": "running", "result": ""})"), e);
  EXPECT_EQ(s.phase, JobPhase::scheduled);
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T10:00:02"));
}

TEST(JobState, AOneShotJobRunsOnceThenCompletes) {
  Effects e;
  auto s = seen(job("{}"), e);
  ASSERT_EQ(s.next_fire, time_at("2026-03-01T10:00:02"));
  Effects timer;
  EXPECT_EQ(on_timer(s, time_at("2026-03-01T10:00:01"), timer), TimerOutcome::nothing);
  EXPECT_EQ(on_timer(s, time_at("2026-03-01T10:00:02"), timer), TimerOutcome::run);
  EXPECT_EQ(s.phase, JobPhase::running);
  Effects started;
  EXPECT_TRUE(on_run_start(s, time_at("2026-03-01T10:00:02"), started));
  EXPECT_EQ(s.report.status, JobStatus::running);
  EXPECT_EQ(s.report.time_started, 1772359202);
  EXPECT_EQ(s.report.time_ended, -1);
  auto end = on_run_end(s, RunResult::success, time_at("2026-03-01T10:00:09"), false);
  EXPECT_TRUE(end.report);
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_EQ(s.report.status, JobStatus::completed);
  EXPECT_EQ(s.report.result, RunResult::success);
  EXPECT_EQ(s.report.time_ended, 1772359209);
}

TEST(JobState, ARunKnowsItsFireTimeEvenWhenItStartsLate) {
  // The fire time names the run (the Cinder backup's run tag): every member of a pool must
  // compute the same one, whenever its worker gets to it.
  Effects e;
  auto s = seen(job(R"({"schedule_date": "2026-03-01T09:59:30"})"), e);
  Effects timer;
  ASSERT_EQ(on_timer(s, time_at("2026-03-01T10:00:00"), timer), TimerOutcome::run);
  EXPECT_EQ(s.run_due, time_at("2026-03-01T09:59:30"));
  on_run_end(s, RunResult::success, time_at("2026-03-01T10:00:20"), false);
  EXPECT_FALSE(s.run_due);
}

TEST(JobState, ARunThatNeverGotItsPoolLockIsNotStarted) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  Effects timer;
  ASSERT_EQ(on_timer(s, time_at("2026-03-01T11:00:00"), timer), TimerOutcome::run);
  auto gave_up = on_run_elsewhere(s);
  EXPECT_EQ(s.phase, JobPhase::scheduled);  // the next fire time still comes
  EXPECT_FALSE(s.run_due);
  EXPECT_FALSE(gave_up.report);
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T12:00:00"));

  ASSERT_EQ(on_timer(s, time_at("2026-03-01T12:00:00"), timer), TimerOutcome::run);
  s.pending = PendingRequest::remove;  // moved to another member meanwhile
  EXPECT_TRUE(on_run_elsewhere(s).drop);

  auto stopped = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  ASSERT_EQ(on_timer(stopped, time_at("2026-03-01T11:00:00"), timer), TimerOutcome::run);
  stopped.pending = PendingRequest::stop;
  EXPECT_TRUE(on_run_elsewhere(stopped).report);
  EXPECT_EQ(stopped.phase, JobPhase::stopped);
  EXPECT_EQ(stopped.report.status, JobStatus::stop);
}

TEST(JobState, AnIntervalJobGoesBackToScheduledAfterEachRun) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "10 minutes"})"), e);
  Effects timer;
  ASSERT_EQ(on_timer(s, time_at("2026-03-01T10:10:00"), timer), TimerOutcome::run);
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T10:20:00"));
  Effects started;
  on_run_start(s, time_at("2026-03-01T10:10:00"), started);
  EXPECT_EQ(on_timer(s, time_at("2026-03-01T10:20:05"), timer), TimerOutcome::skipped_running);
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T10:30:00"));
  on_run_end(s, RunResult::fail, time_at("2026-03-01T10:21:00"), false);
  EXPECT_EQ(s.phase, JobPhase::scheduled);
  EXPECT_EQ(s.report.status, JobStatus::scheduled);
  EXPECT_EQ(s.report.result, RunResult::fail);
}

TEST(JobState, StopWhileScheduledUnschedules) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  auto stop = on_poll(s, job(R"({"schedule_interval": "1 hours", "event": "stop"})"), kNow);
  EXPECT_TRUE(stop.report);
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_EQ(s.report.consumed_event, "stop");
  EXPECT_FALSE(s.next_fire);
  Effects timer;
  EXPECT_EQ(on_timer(s, time_at("2026-03-01T12:00:00"), timer), TimerOutcome::nothing);
}

TEST(JobState, AbortWhileScheduledUnschedulesToo) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  auto abort = on_poll(s, job(R"({"schedule_interval": "1 hours", "event": "abort"})"), kNow);
  EXPECT_FALSE(abort.kill);  // nothing runs
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_FALSE(s.next_fire);
}

TEST(JobState, StopDuringARunIsHonouredWhenItEnds) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  Effects timer;
  on_timer(s, time_at("2026-03-01T11:00:00"), timer);
  on_run_start(s, time_at("2026-03-01T11:00:00"), timer);
  auto stop = on_poll(s, job(R"({"schedule_interval": "1 hours", "event": "stop"})"), kNow);
  EXPECT_FALSE(stop.report);
  EXPECT_FALSE(stop.kill);
  EXPECT_EQ(s.phase, JobPhase::running);
  on_run_end(s, RunResult::success, time_at("2026-03-01T11:05:00"), false);
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_EQ(s.report.consumed_event, "stop");
  EXPECT_FALSE(s.next_fire);
}

TEST(JobState, AbortDuringARunKillsTheAgentOnce) {
  Effects e;
  auto s = seen(job("{}"), e);
  Effects timer;
  on_timer(s, time_at("2026-03-01T10:00:02"), timer);
  on_run_start(s, time_at("2026-03-01T10:00:02"), timer);
  auto abort = on_poll(s, job(R"({"event": "abort"})"), kNow);
  EXPECT_TRUE(abort.kill);
  EXPECT_TRUE(abort.report);
  EXPECT_EQ(s.report.status, JobStatus::aborting);
  auto again = on_poll(s, job(R"({"event": "abort"})"), kNow);
  EXPECT_FALSE(again.kill);
  on_run_end(s, RunResult::aborted, time_at("2026-03-01T10:00:05"), false);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_EQ(s.report.result, RunResult::aborted);
}

TEST(JobState, StopBeforeTheQueuedRunStartsCancelsIt) {
  Effects e;
  auto s = seen(job("{}"), e);
  Effects timer;
  ASSERT_EQ(on_timer(s, time_at("2026-03-01T10:00:02"), timer), TimerOutcome::run);
  on_poll(s, job(R"({"event": "stop"})"), kNow);
  Effects start;
  EXPECT_FALSE(on_run_start(s, time_at("2026-03-01T10:00:03"), start));
  EXPECT_TRUE(start.report);
  EXPECT_EQ(s.report.status, JobStatus::stop);
}

TEST(JobState, AVanishedJobIsDroppedOrDroppedAfterItsRun) {
  Effects e;
  auto idle = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  EXPECT_TRUE(on_vanished(idle).drop);

  auto busy = seen(job("{}"), e);
  Effects timer;
  on_timer(busy, time_at("2026-03-01T10:00:02"), timer);
  on_run_start(busy, time_at("2026-03-01T10:00:02"), timer);
  EXPECT_FALSE(on_vanished(busy).drop);
  auto end = on_run_end(busy, RunResult::success, time_at("2026-03-01T10:01:00"), false);
  EXPECT_TRUE(end.drop);
  EXPECT_FALSE(end.report);
}

TEST(JobState, UnknownEventsAreIgnored) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  auto effects = on_poll(s, job(R"({"schedule_interval": "1 hours", "event": "remove"})"), kNow);
  EXPECT_FALSE(effects.report);
  EXPECT_EQ(s.phase, JobPhase::scheduled);
  EXPECT_EQ(s.ignored_event, "remove");
}

TEST(JobState, StartOnAScheduledJobOnlyClearsTheEvent) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  auto next = s.next_fire;
  auto effects = on_poll(s, job(R"({"schedule_interval": "1 hours", "event": "start"})"),
                         time_at("2026-03-01T10:30:00"));
  EXPECT_TRUE(effects.report);
  EXPECT_EQ(s.report.consumed_event, "start");
  EXPECT_EQ(s.next_fire, next);
}

TEST(JobState, AnInvalidScheduleFailsTheJobNamingTheField) {
  Effects e;
  auto s = seen(job(R"({"schedule_day_of_week": "someday"})"), e);
  EXPECT_TRUE(e.report);
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_EQ(s.report.result, RunResult::fail);
}

TEST(JobState, ADateLongPastFailsInsteadOfWaitingForever) {
  Effects e;
  auto s = seen(job(R"({"schedule_date": "2026-03-01T08:00:00"})"), e);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_EQ(s.report.result, RunResult::fail);
  Effects recent;
  auto t = seen(job(R"({"schedule_date": "2026-03-01T09:30:00"})"), recent);
  EXPECT_EQ(t.report.status, JobStatus::scheduled);  // within the hour: runs now
}

TEST(JobState, AnEndDateInThePastCompletesTheJob) {
  Effects e;
  auto s = seen(
      job(R"({"schedule_interval": "1 days", "schedule_end_date": "2026-02-01T00:00:00"})"), e);
  EXPECT_EQ(s.report.status, JobStatus::completed);
}

TEST(JobState, AScheduleEditedInTheApiIsPickedUp) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  auto effects = on_poll(s, job(R"({"schedule_interval": "5 minutes", "status": "scheduled"})"),
                         time_at("2026-03-01T10:01:00"));
  EXPECT_FALSE(effects.report);  // still scheduled: nothing new to say
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T10:06:00"));
}

TEST(JobState, OwnStatusChangesAreNotEdits) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  auto next = s.next_fire;
  on_poll(s, job(R"({"schedule_interval": "1 hours", "status": "scheduled", "result": "success",
                     "time_started": 5, "time_ended": 9, "current_pid": 77})"),
          time_at("2026-03-01T10:30:00"));
  EXPECT_EQ(s.next_fire, next);
}

TEST(JobState, AnEditDuringARunAppliesAfterIt) {
  Effects e;
  auto s = seen(job(R"({"schedule_interval": "1 hours"})"), e);
  Effects timer;
  on_timer(s, time_at("2026-03-01T11:00:00"), timer);
  on_run_start(s, time_at("2026-03-01T11:00:00"), timer);
  on_poll(s, job(R"({"schedule_interval": "2 hours"})"), time_at("2026-03-01T11:00:30"));
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T12:00:00"));
  on_run_end(s, RunResult::success, time_at("2026-03-01T11:01:00"), false);
  EXPECT_EQ(s.next_fire, time_at("2026-03-01T13:01:00"));
}

TEST(JobState, AMissedOneShotIsReportedFailed) {
  Effects e;
  auto s = seen(job("{}"), e);
  Effects timer;
  EXPECT_EQ(on_timer(s, time_at("2026-03-01T12:00:00"), timer), TimerOutcome::missed);
  EXPECT_TRUE(timer.report);
  EXPECT_EQ(s.report.status, JobStatus::stop);
  EXPECT_EQ(s.report.result, RunResult::fail);
}

TEST(JobState, ShutdownLeavesTheInterruptedJobScheduled) {
  Effects e;
  auto s = seen(job("{}"), e);
  Effects timer;
  on_timer(s, time_at("2026-03-01T10:00:02"), timer);
  on_run_start(s, time_at("2026-03-01T10:00:02"), timer);
  on_run_end(s, RunResult::aborted, time_at("2026-03-01T10:00:04"), true);
  EXPECT_EQ(s.report.status, JobStatus::scheduled);
  EXPECT_EQ(s.report.result, RunResult::aborted);
}

TEST(JobState, RefusedJobsAreReportedOnce) {
  Effects e;
  auto fetched = job(R"({"schedule_interval": "1 hours"})");
  auto s = seen(fetched, e);
  EXPECT_TRUE(on_refused(s, fetched, "not supported").report);
  EXPECT_EQ(s.phase, JobPhase::stopped);
  EXPECT_FALSE(on_refused(s, fetched, "not supported").report);
}

rapidjson::Document schedule_json(const char* text) {
  rapidjson::Document d;
  d.Parse(text);
  return d;
}

TEST(ReportBody, KeepsTheUsersScheduleAndReplacesOnlyOwnedKeys) {
  JobReport r;
  r.status = JobStatus::running;
  r.result = RunResult::none;
  r.time_started = 100;
  auto server =
      schedule_json(R"({"schedule_interval": "2 days", "status": "scheduled", "time_created": 7,
                         "event": ""})");
  auto body = report_patch_body(server, 0, r);
  ASSERT_TRUE(body);
  auto sent = schedule_json(body->c_str());
  EXPECT_STREQ(sent["job_schedule"]["schedule_interval"].GetString(), "2 days");
  EXPECT_EQ(sent["job_schedule"]["time_created"].GetInt(), 7);
  EXPECT_STREQ(sent["job_schedule"]["status"].GetString(), "running");
  EXPECT_STREQ(sent["job_schedule"]["result"].GetString(), "");
  EXPECT_EQ(sent["job_schedule"]["time_started"].GetInt(), 100);
  EXPECT_FALSE(sent.HasMember("session_tag"));
}

TEST(ReportBody, ClearsOnlyTheEventItActedOn) {
  JobReport r;
  r.status = JobStatus::stop;
  r.consumed_event = "stop";
  auto same = report_patch_body(schedule_json(R"({"event": "stop"})"), 0, r);
  EXPECT_STREQ(schedule_json(same->c_str())["job_schedule"]["event"].GetString(), "");
  auto newer = report_patch_body(schedule_json(R"({"event": "start"})"), 0, r);
  EXPECT_STREQ(schedule_json(newer->c_str())["job_schedule"]["event"].GetString(), "start");
}

TEST(ReportBody, NothingToSendWhenTheApiAlreadyAgrees) {
  JobReport r;
  r.status = JobStatus::scheduled;
  EXPECT_FALSE(report_patch_body(schedule_json(R"({"status": "scheduled", "event": ""})"), 0, r));
  r.session_tag = 3;
  auto body = report_patch_body(schedule_json(R"({"status": "scheduled", "event": ""})"), 2, r);
  ASSERT_TRUE(body);
  EXPECT_EQ(schedule_json(body->c_str())["session_tag"].GetInt(), 3);
}

TEST(ReportBody, EveryWordHasItsWireString) {
  EXPECT_EQ(wire_name(RunResult::none), "");
  EXPECT_EQ(wire_name(RunResult::success), "success");
  EXPECT_EQ(wire_name(RunResult::fail), "fail");
  EXPECT_EQ(wire_name(RunResult::aborted), "aborted");
  EXPECT_EQ(wire_name(JobStatus::stop), "stop");
  EXPECT_EQ(wire_name(JobStatus::scheduled), "scheduled");
  EXPECT_EQ(wire_name(JobStatus::running), "running");
  EXPECT_EQ(wire_name(JobStatus::aborting), "aborting");
  EXPECT_EQ(wire_name(JobStatus::completed), "completed");
}

}  // namespace
}  // namespace freezer::scheduler

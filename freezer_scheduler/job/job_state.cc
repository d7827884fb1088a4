#include "freezer_scheduler/job/job_state.h"

#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include <utility>

#include "freezer_scheduler/schedule/job_schedule.h"
#include "freezer_scheduler/schedule/schedule_error.h"

namespace freezer::scheduler {
namespace {

long long epoch(TimePoint now) {
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

void stop_reporting(JobState& s, JobStatus status) {
  s.phase = JobPhase::stopped;
  s.trigger.reset();
  s.next_fire.reset();
  s.report.status = status;
}

// The job's definition is now `job`'s.
void adopt(JobState& s, const JobDocument& job) {
  if (s.job_id.empty()) s.job_id = job.job_id;  // never changes: the scheduler keys on it
  s.definition = job.definition;
}

// Adopts `job`'s definition, builds its trigger and arms it; reports scheduled, completed
// (nothing left to run) or a failure naming the wrong field.
void schedule(JobState& s, const JobDocument& job, TimePoint now) {
  adopt(s, job);
  rapidjson::Document doc;
  doc.Parse(job.schedule.c_str());
  try {
    Trigger trigger = trigger_for_schedule(doc, now);
    auto first = next_fire_time(trigger, std::nullopt, now);
    if (!first) {
      spdlog::info("Job {} has no run time left ({}): completed", s.job_id, describe(trigger));
      stop_reporting(s, JobStatus::completed);
      return;
    }
    if (auto due = due_run(trigger, first, now); due && due->missed_by && !due->next)
      throw ScheduleError(
          std::holds_alternative<DateTrigger>(trigger) ? "schedule_date" : "schedule_end_date",
          "its only run time " + format_iso_datetime(due->fire_time) + " is more than " +
              std::to_string(kMisfireGrace.count()) + " s in the past");
    spdlog::info("scheduler job {} with parameters {}, next run at {}", s.job_id, describe(trigger),
                 format_iso_datetime(*first));
    s.trigger = std::move(trigger);
    s.next_fire = first;
    s.phase = JobPhase::scheduled;
    s.report.status = JobStatus::scheduled;
  } catch (const ScheduleError& e) {
    spdlog::error("Job {} cannot be scheduled: {} (fix the job and send a start event)", s.job_id,
                  e.what());
    stop_reporting(s, JobStatus::stop);
    s.report.result = RunResult::fail;
  }
}

Effects start(JobState& s, const JobDocument& fetched, TimePoint now) {
  spdlog::info("JOB {} event: START", s.job_id);
  s.report.consumed_event = "start";
  ++s.report.event_serial;
  if (s.phase == JobPhase::stopped) schedule(s, fetched, now);
  return Effects{.report = true};
}

Effects stop(JobState& s, const JobDocument& fetched, const std::string& event) {
  spdlog::info("JOB {} event: {}", s.job_id, event == "abort" ? "ABORT" : "STOP");
  s.report.consumed_event = event;
  ++s.report.event_serial;
  if (s.phase == JobPhase::running) {
    if (event == "abort") {
      if (s.pending == PendingRequest::abort) return {};
      s.pending = PendingRequest::abort;
      s.report.status = JobStatus::aborting;
      return Effects{.report = true, .kill = true};
    }
    if (s.pending == PendingRequest::none) s.pending = PendingRequest::stop;
    return {};  // honoured when the run ends
  }
  if (s.phase == JobPhase::scheduled) spdlog::info("Job {} was stopped.", s.job_id);
  adopt(s, fetched);
  stop_reporting(s, JobStatus::stop);
  return Effects{.report = true};
}

}  // namespace

JobState first_poll(const JobDocument& fetched, TimePoint now, Effects& effects) {
  JobState s;
  adopt(s, fetched);
  if (fetched.status == "running" || fetched.status == "scheduled")
    spdlog::warn("Resetting {} status from job {}", fetched.status, fetched.job_id);
  JobDocument as_seen = fetched;
  if (fetched.event.empty()) {
    if (fetched.status == "stop") {
      as_seen.event = "stop";
    } else {
      spdlog::info("Autostart Job {}", fetched.job_id);
      as_seen.event = "start";
    }
  }
  effects = on_poll(s, as_seen, now);
  // An auto-start is the scheduler's own event: there is none to clear in the API.
  if (fetched.event.empty()) s.report.consumed_event.clear();
  return s;
}

Effects on_poll(JobState& s, const JobDocument& fetched, TimePoint now) {
  const std::string& event = fetched.event;
  if (event == "start") return start(s, fetched, now);
  if (event == "stop" || event == "abort") return stop(s, fetched, event);
  if (!event.empty() && event != s.ignored_event) {
    spdlog::warn("Job {}: ignoring unsupported event '{}'", fetched.job_id, event);
    s.ignored_event = event;
  }
  if (fetched.definition == s.definition) return {};
  // Edited in the API: picked up without waiting for a stop and start.
  switch (s.phase) {
    case JobPhase::running:
      s.pending_definition = std::make_unique<JobDocument>(fetched);
      return {};
    case JobPhase::stopped:
      adopt(s, fetched);
      return {};
    case JobPhase::scheduled: {
      spdlog::info("Job {} changed in the API: rescheduling", fetched.job_id);
      auto before = s.report.status;
      schedule(s, fetched, now);
      return Effects{.report = s.report.status != before || s.report.result == RunResult::fail};
    }
  }
  return {};
}

Effects on_vanished(JobState& s) {
  spdlog::info("REMOVE job {}", s.job_id);
  if (s.phase == JobPhase::running) {
    s.pending = PendingRequest::remove;
    return {};
  }
  return Effects{.drop = true};
}

Effects on_refused(JobState& s, const JobDocument& fetched, const std::string& reason) {
  if (s.phase == JobPhase::running) return {};
  bool already = s.phase == JobPhase::stopped && s.report.status == JobStatus::stop &&
                 s.report.result == RunResult::fail;
  adopt(s, fetched);
  stop_reporting(s, JobStatus::stop);
  s.report.result = RunResult::fail;
  bool new_event = !fetched.event.empty() && fetched.event != s.report.consumed_event;
  if (new_event) {
    s.report.consumed_event = fetched.event;
    ++s.report.event_serial;
  }
  if (already && !new_event) return {};
  spdlog::error("Job {} ignored: {}", s.job_id, reason);
  return Effects{.report = true};
}

TimerOutcome on_timer(JobState& s, TimePoint now, Effects& effects) {
  if (s.phase == JobPhase::stopped || !s.trigger) return TimerOutcome::nothing;
  auto due = due_run(*s.trigger, s.next_fire, now);
  if (!due) return TimerOutcome::nothing;
  s.next_fire = due->next;
  if (s.phase == JobPhase::running) {
    spdlog::warn("Execution of job {} skipped: it is still running (run time {})", s.job_id,
                 format_iso_datetime(due->fire_time));
    return TimerOutcome::skipped_running;
  }
  if (due->missed_by) {
    spdlog::warn("Run time of job {} was missed by {} s", s.job_id, due->missed_by->count());
    if (!s.next_fire) {
      spdlog::error("Job {} has no run time left after missing {}: stopped", s.job_id,
                    format_iso_datetime(due->fire_time));
      stop_reporting(s, JobStatus::stop);
      s.report.result = RunResult::fail;
      effects.report = true;
    }
    return TimerOutcome::missed;
  }
  s.phase = JobPhase::running;  // queued for a worker: no second run meanwhile
  s.run_due = due->fire_time;
  return TimerOutcome::run;
}

bool on_run_start(JobState& s, TimePoint now, Effects& effects) {
  if (s.pending == PendingRequest::remove) {
    effects.drop = true;
    return false;
  }
  if (s.pending != PendingRequest::none) {
    spdlog::info("Job {}: {} before its run started", s.job_id,
                 s.pending == PendingRequest::abort ? "aborted" : "stopped");
    s.pending = PendingRequest::none;
    stop_reporting(s, JobStatus::stop);
    effects.report = true;
    return false;
  }
  spdlog::info("job {} running", s.job_id);
  s.report.status = JobStatus::running;
  s.report.result = RunResult::none;
  s.report.time_started = epoch(now);
  s.report.time_ended = -1;
  effects.report = true;
  return true;
}

Effects on_run_elsewhere(JobState& s) {
  s.run_due.reset();
  if (s.pending == PendingRequest::remove) return Effects{.drop = true};
  if (s.pending != PendingRequest::none) {
    s.pending = PendingRequest::none;
    stop_reporting(s, JobStatus::stop);
    return Effects{.report = true};
  }
  s.phase = JobPhase::scheduled;
  return {};
}

Effects on_run_end(JobState& s, RunResult result, TimePoint now, bool shutting_down) {
  s.run_due.reset();
  s.report.time_ended = epoch(now);
  s.report.result = result;
  const PendingRequest pending = std::exchange(s.pending, PendingRequest::none);
  if (pending == PendingRequest::remove) return Effects{.drop = true};
  if (shutting_down && result == RunResult::aborted) {
    // Interrupted by the scheduler's own shutdown: the next scheduler runs it again.
    s.phase = JobPhase::scheduled;
    s.report.status = JobStatus::scheduled;
    return Effects{.report = true};
  }
  if (pending != PendingRequest::none) {
    stop_reporting(s, JobStatus::stop);
  } else if (!s.next_fire) {
    stop_reporting(s, JobStatus::completed);
  } else {
    s.phase = JobPhase::scheduled;
    s.report.status = JobStatus::scheduled;
  }
  if (auto edited = std::move(s.pending_definition)) {
    if (s.phase == JobPhase::scheduled) {
      spdlog::info("Job {} changed in the API during its run: rescheduling", s.job_id);
      schedule(s, *edited, now);
    } else {
      adopt(s, *edited);
    }
  }
  return Effects{.report = true};
}

}  // namespace freezer::scheduler

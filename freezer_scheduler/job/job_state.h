#pragma once
// One job's life in the scheduler: upstream's Stop / Scheduled / Running state machine,
// driven by the events users send through the API (start, stop, abort), by the job vanishing
// from the API, by its trigger firing and by its run ending. Pure functions of the state and
// `now`: the caller performs the effects (report to the API, kill the agent, forget the job).
//
// Where upstream misbehaves this does not (see the scheduler spec, section 8): unknown events
// are ignored instead of spinning, abort while scheduled unschedules, a stop or abort during
// a run leaves the job stopped (not completed), an edited schedule or action list is picked
// up without a stop/start, and an unusable schedule fails the job instead of the poll cycle.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "freezer_scheduler/job/job_document.h"
#include "freezer_scheduler/job/run_result.h"
#include "freezer_scheduler/schedule/trigger.h"

namespace freezer::scheduler {

enum class JobPhase { stopped, scheduled, running };

// The job_schedule keys this scheduler reports; unset ones keep the API's value.
struct JobReport {
  std::optional<JobStatus> status;
  std::optional<RunResult> result;  // RunResult::none clears the API's result
  std::optional<long long> time_started;
  std::optional<long long> time_ended;
  std::optional<long long> current_pid;
  std::string consumed_event;           // cleared in the API if it still holds this event
  unsigned long long event_serial = 0;  // counts consumed events (a delivered report clears
                                        // consumed_event only if no newer one came since)
  std::optional<long long> session_tag;
};

// Kept for every job a scheduler holds, idle ones included, so it is kept small: the job's
// document (its actions) is read again when it runs; of the definition only a fingerprint is
// kept.
struct JobState {
  std::string job_id;
  std::uint64_t definition = 0;  // the adopted definition's fingerprint (JobDocument::definition)
  JobPhase phase = JobPhase::stopped;
  std::optional<Trigger> trigger;
  std::optional<Instant> next_fire;
  std::optional<Instant> run_due;                   // the fire time of the run queued or going on
  PendingRequest pending = PendingRequest::none;    // asked for during a run
  std::unique_ptr<JobDocument> pending_definition;  // an edit seen during a run (rare)
  std::string ignored_event;                        // an unsupported event already logged
  JobReport report;
};

struct Effects {
  bool report = false;  // send the job's report to the API
  bool kill = false;    // terminate the running agent
  bool drop = false;    // forget the job
};

// A job seen for the first time: upstream's auto-start (with no event, any status but `stop`
// means start), then the event is processed.
JobState first_poll(const JobDocument& fetched, TimePoint now, Effects& effects);

// The job as a later poll shows it.
Effects on_poll(JobState& state, const JobDocument& fetched, TimePoint now);

// The job is gone from the API (deleted or completed elsewhere).
Effects on_vanished(JobState& state);

// The job cannot run here (capabilities, missing trust, ...): stopped and reported failed
// once; an event sent to it meanwhile is cleared.
Effects on_refused(JobState& state, const JobDocument& fetched, const std::string& reason);

// The timer: whether a run is due now. Advances next_fire past `now` either way.
enum class TimerOutcome { nothing, run, skipped_running, missed };
TimerOutcome on_timer(JobState& state, TimePoint now, Effects& effects);

// A worker is about to run the job: false when it was stopped, aborted or removed while it
// waited for the worker (the run is cancelled).
bool on_run_start(JobState& state, TimePoint now, Effects& effects);

// A pool's worker gave up waiting for the job's lock: the job left this member (or was
// stopped) meanwhile, or the scheduler stops. The run is not started.
Effects on_run_elsewhere(JobState& state);

// The run ended with `result` (success, fail or aborted). `shutting_down`: the scheduler
// stopped the run on its way out, so the job stays scheduled for the next scheduler.
Effects on_run_end(JobState& state, RunResult result, TimePoint now, bool shutting_down);

}  // namespace freezer::scheduler

#pragma once
// Runs one job: starts its session turn, refuses exec actions when they are disabled, runs
// each action with the freezer-agent (retries, mandatory actions), posts the backup metadata
// the agent writes, ends the session turn, and says how it went: success, fail or aborted.
#include <functional>
#include <string>

#include "freezer_scheduler/api/freezer_client.h"
#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/job/job_document.h"
#include "freezer_scheduler/job/run_result.h"
#include "freezer_scheduler/run/agent_process.h"
#include "freezer_scheduler/run/cinder_shared.h"
#include "freezer_scheduler/run/run_control.h"

namespace freezer::scheduler {

// What a run tells the rest of the scheduler while it goes on.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void agent_started(long long pid) = 0;
  virtual void session_tag_changed(long long tag) = 0;
};

class JobRunner {
 public:
  // `launcher` starts the freezer-agent of each action. `api` is null in no-api mode (no
  // sessions, no metadata uploads). `trust` is the job's trust-scoped identity: service mode
  // runs its cindernative actions with it, natively. `run_key` names this run of the job (its
  // fire time): a cindernative backup tags the Cinder backup with it, and a second run with
  // the same key takes that backup over instead of making another.
  // `cinder` (may be null): what the runs' Cinder clients share.
  JobRunner(const SchedulerOptions& options, AgentLauncher& launcher, FreezerClient* api,
            KeystoneIdentity* trust = nullptr, std::string run_key = "",
            CinderShared* cinder = nullptr);

  // Success, fail or aborted.
  RunResult run(const JobDocument& job, RunControl& control, RunObserver& observer);

  // One action with its retries: success, fail or aborted.
  RunResult run_action(const JobDocument& job, const ActionSpec& action, RunControl& control,
                       RunObserver& observer);
  // Service mode: the action done over Cinder's API, with its retries.
  RunResult run_native_action(const JobDocument& job, const ActionSpec& action,
                              RunControl& control);

 private:
  // One try of an action: success, fail or aborted, and whether another try could help.
  struct TryOutcome {
    RunResult result;
    bool retryable = true;
  };
  // Runs `attempt(n, tries)` up to max_retries + 1 times, max_retries_interval apart, while it
  // fails and another try could help; a wait ends early when the run is aborted.
  RunResult with_retries(const JobDocument& job, const ActionSpec& action, RunControl& control,
                         const std::function<TryOutcome(long long, long long)>& attempt);
  // One run of the agent for `action`: its exit and the metadata it wrote ("" : none).
  TryOutcome run_agent_once(const JobDocument& job, const ActionSpec& action,
                            const std::string& ini, const std::vector<std::string>& environment,
                            RunControl& control, RunObserver& observer, long long attempt,
                            long long tries);
  long long start_session(const JobDocument& job, RunControl& control);
  void end_session(const JobDocument& job, long long tag, RunResult result);
  void upload_metadata(const JobDocument& job, const std::string& metadata);

  const SchedulerOptions& options_;
  AgentLauncher& launcher_;
  FreezerClient* api_;
  KeystoneIdentity* trust_;
  std::string run_key_;
  CinderShared* cinder_;
  std::vector<std::string> environment_;
};

}  // namespace freezer::scheduler

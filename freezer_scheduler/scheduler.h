#pragma once
// The scheduler: registers this client, polls the API for its jobs, keeps each job's state
// machine, fires jobs on their triggers onto a pool of `concurrent_jobs` workers that run the
// freezer-agent, and reports every change back to the API.
//
// Threads: the caller of run() (waits for stop()), a poll thread, a timer thread, the workers
// and the reporter's threads. One mutex guards the job table; no HTTP call or agent run
// happens while it is held.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/clock.h"
#include "common/thread_pool.h"
#include "freezer_scheduler/api/freezer_client.h"
#include "freezer_scheduler/api/job_reporter.h"
#include "freezer_scheduler/api/service_identity.h"
#include "freezer_scheduler/api/trust_client_cache.h"
#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/coordination/pool_share.h"
#include "freezer_scheduler/job/job_files.h"
#include "freezer_scheduler/job/job_state.h"
#include "freezer_scheduler/run/agent_process.h"
#include "freezer_scheduler/run/run_control.h"

namespace freezer::scheduler {

// A start-up failure that waiting will not fix (e.g. Keystone refuses the credentials).
class FatalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Scheduler final : public ReportSource {
 public:
  // `identity` is null in no-api mode. `launcher` starts the freezer-agent of each action.
  Scheduler(SchedulerOptions options, std::unique_ptr<ServiceIdentity> identity,
            const common::Clock& clock,
            std::unique_ptr<AgentLauncher> launcher = std::make_unique<ProcessLauncher>());
  ~Scheduler() override;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Registers (retrying with back-off while the API or Keystone is down), polls, runs jobs,
  // until stop(); then stops running agents and reports their jobs before returning.
  // Throws FatalError.
  void run();
  // From any thread (signal handling).
  void stop();
  // New settings from a reload (SIGHUP). Those that need a restart are logged and kept.
  void reload(const SchedulerOptions& options);

  // For tests and benchmarks.
  bool poll_once();
  std::string client_id() const;
  std::size_t job_count() const;
  std::optional<JobPhase> job_phase(const std::string& job_id) const;

  // ReportSource
  std::optional<ReportSnapshot> report_snapshot(const std::string& job_id) override;
  void server_view(const std::string& job_id, const std::string& schedule, long long session_tag,
                   unsigned long long delivered_event_serial) override;
  void report_vanished(const std::string& job_id) override;

 private:
  // A trust's identity and the API client acting through it (service mode).
  struct Entry {
    JobState state;
    std::string server_schedule;
    long long server_session_tag = 0;
    std::shared_ptr<RunControl> control;  // while it runs
    std::optional<Instant> timed_at;      // its live entry in timers_, if any
  };
  // The timer's queue: (fire time, job id), earliest first. An entry whose job's fire time
  // moved since (or whose job is gone) is stale and skipped when it comes up, so the timer
  // looks only at due jobs, never at the whole table.
  using TimerEntry = std::pair<Instant, std::string>;
  using TimerQueue =
      std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<TimerEntry>>;
  class Observer;
  struct PollPass;

  void identify();         // own project and client id
  void join_pool();        // [coordination]: this scheduler's share of the pool's jobs
  bool register_client();  // true once registered (or refused for good)
  void poll_loop();
  void timer_loop();
  void execute(const std::string& job_id);
  bool acquire_run_lock(const std::string& job_id, const std::string& name);  // in a pool
  // The parts of poll_once().
  void take_listed_job(PollPass& pass, const rapidjson::Value& doc, bool cache);
  void cache_job_file(const JobDocument& job, const rapidjson::Value& doc);
  void reconcile_page(PollPass& pass);
  void reconcile(std::vector<JobDocument>& fetched, TimePoint now);  // one page
  void drop_unlisted_jobs(const std::unordered_set<std::string>& seen);
  bool poll_changes(PollPass& pass, bool all_projects, int page_size);  // false: no extension
  std::optional<FreezerClient::PoolShareQuery> pool_share_query();
  void drop_jobs(const std::vector<std::string>& job_ids);
  void confirm_vanished(const std::vector<std::pair<std::string, std::string>>& candidates);
  void apply(const std::string& job_id, const Effects& effects);  // with mutex_ held
  void queue_timer(const std::string& job_id, Entry& entry);      // with mutex_ held
  bool wait_for_stop(std::chrono::seconds duration);              // false when stopping
  // The API client for a job: through its trust when it has one (and Keystone is used). The
  // caller holds it for as long as it uses it.
  std::shared_ptr<FreezerClient> api_for(const std::string& trust_id);
  std::shared_ptr<TrustClient> trust_client(const std::string& trust_id);  // null without Keystone
  std::shared_ptr<TrustClient> make_trust_client(const std::string& trust_id);
  std::shared_ptr<const SchedulerOptions> options() const;

  const common::Clock& clock_;
  std::shared_ptr<const SchedulerOptions> options_;
  std::unique_ptr<ServiceIdentity> identity_;
  std::unique_ptr<AgentLauncher> launcher_;
  std::unique_ptr<FreezerClient> api_;
  std::unique_ptr<JobReporter> reporter_;
  std::unique_ptr<JobFiles> files_;
  std::string own_project_;
  std::string client_id_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;  // stop, reload, schedule changes
  std::unordered_map<std::string, Entry> jobs_;
  TimerQueue timers_;
  bool stopping_ = false;
  bool schedule_changed_ = false;
  bool reregister_ = false;
  bool members_changed_ = false;  // the pool's members changed: poll now
  bool loaded_from_files_ = false;
  // Where the next poll's change listing starts (the API's extension); empty until a full
  // listing took one, and after a failed poll or a change of the pool's members.
  std::optional<long long> change_cursor_;

  std::unordered_set<std::string> untrusted_logged_;  // service mode: jobs skipped, said once

  std::unique_ptr<TrustClientCache> trusts_;

  std::mutex cache_mutex_;
  std::unordered_map<std::string, std::uint64_t> cached_;  // job id -> content written

  std::unique_ptr<PoolShare> pool_;  // null: this scheduler runs alone

  std::unique_ptr<common::ThreadPool> workers_;
  std::thread poll_thread_;
  std::thread timer_thread_;
};

}  // namespace freezer::scheduler

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
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/clock.h"
#include "common/interned_strings.h"
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
#include "freezer_scheduler/run/cinder_shared.h"
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
  // One job of the job table. Every job of the share is held, so it stays small: no document.
  struct Entry {
    JobState state;
    const std::string* project_id = nullptr;  // in ids_: where the job's API calls go
    const std::string* trust_id = nullptr;    // in ids_: "" without one
    // The job_schedule's scheduler-owned keys as the API last showed them, while a report is
    // due; null for an idle job (its next report reads the job first).
    std::unique_ptr<std::string> server_keys;
    long long server_session_tag = 0;
    std::optional<Instant> timed_at;  // its entry in timers_, if any
    std::uint64_t file_content = 0;   // the document its job file holds
    unsigned listed_in = 0;           // the last full listing that had it
  };
  // Keyed by a view of the entry's own state.job_id (see insert_job): the id is held once.
  using JobTable = std::unordered_map<std::string_view, Entry>;
  // The timer's queue: (fire time, the job's state.job_id), earliest first. A job has at most
  // one entry (Entry::timed_at), moved when its fire time moves and removed with the job, so
  // the timer looks only at due jobs, never at the whole table.
  using TimerQueue = std::set<std::pair<Instant, const std::string*>>;
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
  void take_listed_job(PollPass& pass, const rapidjson::Value& doc, bool from_file);
  void write_job_files(const PollPass& pass, const std::vector<std::size_t>& changed);
  void reconcile_page(PollPass& pass);
  // One page; returns the indexes of the page's jobs whose job files are out of date.
  std::vector<std::size_t> reconcile(PollPass& pass);
  void drop_unlisted_jobs(unsigned listing);
  bool poll_changes(PollPass& pass, bool all_projects, int page_size);  // false: no extension
  bool poll_arrivals(PollPass& pass, const FreezerClient::PoolShareQuery& share);
  std::size_t list_into_table(PollPass& pass,
                              const std::optional<FreezerClient::PoolShareQuery>& share);
  void hand_over_departed_jobs();  // with mutex_ held
  std::optional<FreezerClient::PoolShareQuery> pool_share_query();
  void drop_jobs(const std::vector<std::string>& job_ids);
  void confirm_vanished(const std::vector<std::pair<std::string, std::string>>& candidates);
  void apply(const std::string& job_id, const Effects& effects);  // with mutex_ held
  // With mutex_ held.
  JobTable::iterator insert_job(const std::string& job_id, Entry entry);
  void queue_timer(Entry& entry);
  void unqueue_timer(Entry& entry);
  // The document a due job runs: read from the API (null when it is gone there), from jobs_dir
  // when the API cannot answer. Throws when neither has it.
  std::shared_ptr<const JobDocument> document_to_run(const std::string& job_id,
                                                     const std::string& project_id,
                                                     FreezerClient& api);
  bool wait_for_stop(std::chrono::seconds duration);  // false when stopping
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
  JobTable jobs_;
  // Apart from the table, which holds every job: what only some jobs have.
  std::unordered_map<std::string, std::shared_ptr<RunControl>> runs_;  // the jobs running
  std::unordered_map<std::string, std::shared_ptr<const JobDocument>> file_jobs_;  // no-api mode
  common::InternedStrings ids_;  // the jobs' project and trust ids
  unsigned listings_ = 0;        // full listings so far
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
  // The runs' Cinder clients share microversions and follow their backups together.
  CinderShared cinder_;

  std::unique_ptr<PoolShare> pool_;  // null: this scheduler runs alone

  std::unique_ptr<common::ThreadPool> workers_;
  std::thread poll_thread_;
  std::thread timer_thread_;
};

}  // namespace freezer::scheduler

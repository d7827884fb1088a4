// The scheduler's timer and workers: due jobs go to the worker pool, each run is watched and
// its end reported; and the job table as the reporter sees it.
#include <spdlog/spdlog.h>

#include "common/secret_fingerprint.h"
#include "freezer_scheduler/run/job_runner.h"
#include "freezer_scheduler/scheduler.h"

namespace freezer::scheduler {

using namespace std::chrono_literals;

// What a run reports while it goes on: the agent's pid and a new session tag.
class Scheduler::Observer final : public RunObserver {
 public:
  Observer(Scheduler& scheduler, std::string job_id) : s_(scheduler), job_id_(std::move(job_id)) {}
  void agent_started(long long pid) override {
    std::lock_guard lock(s_.mutex_);
    if (auto it = s_.jobs_.find(job_id_); it != s_.jobs_.end()) {
      it->second.state.report.current_pid = pid;
      if (s_.reporter_) s_.reporter_->request(job_id_);
    }
  }
  void session_tag_changed(long long tag) override {
    std::lock_guard lock(s_.mutex_);
    if (auto it = s_.jobs_.find(job_id_); it != s_.jobs_.end()) {
      it->second.state.report.session_tag = tag;
    }
  }

 private:
  Scheduler& s_;
  std::string job_id_;
};

void Scheduler::timer_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto now = clock_.now();
    schedule_changed_ = false;
    std::vector<std::string> due;
    while (!timers_.empty() && TimePoint(timers_.begin()->first) <= now) {
      // Entries leave the queue with their jobs: the key is a live job's.
      auto it = jobs_.find(*timers_.begin()->second);
      timers_.erase(timers_.begin());
      if (it == jobs_.end()) continue;
      auto& entry = it->second;
      const std::string& id = entry.state.job_id;
      entry.timed_at.reset();
      Effects effects;
      if (on_timer(entry.state, now, effects) == TimerOutcome::run) due.push_back(id);
      if (effects.report && reporter_) reporter_->request(id);
      // Its next fire time; one still due (a stopped job's) waits for the job's next change.
      if (entry.state.next_fire && TimePoint(*entry.state.next_fire) > now) queue_timer(entry);
    }
    for (const auto& id : due) workers_->submit([this, id] { execute(id); });
    auto next_wake = now + 1h;
    if (!timers_.empty() && TimePoint(timers_.begin()->first) < next_wake)
      next_wake = timers_.begin()->first;
    wake_.wait_until(lock, next_wake, [this] { return stopping_ || schedule_changed_; });
  }
}

// Waits for a job's lock. Another member holds it while it still runs the job (the job moved
// here during that run); this run then takes over what that one made (the Cinder backup's
// run tag) instead of making it again. A member out of the pool cannot take locks either, and
// waits until it is back. False when the job leaves this member or the scheduler stops.
bool Scheduler::acquire_run_lock(const std::string& job_id, const std::string& name) {
  bool said = false;
  while (!pool_->coordinator().try_lock(name)) {
    if (!said) {
      spdlog::warn(
          "Job {} waits for its lock: another member of the pool runs it, or this "
          "member is out of the pool",
          job_id);
      said = true;
    }
    std::unique_lock lock(mutex_);
    auto it = jobs_.find(job_id);
    if (stopping_ || it == jobs_.end() || it->second.state.pending != PendingRequest::none) {
      if (it != jobs_.end()) apply(job_id, on_run_elsewhere(it->second.state));
      return false;
    }
    wake_.wait_for(lock, 1s, [this] { return stopping_; });
  }
  return true;
}

void Scheduler::execute(const std::string& job_id) {
  // In a pool, a job runs under its lock: one member at a time runs it.
  std::string lock_name = PoolShare::lock_name(job_id);
  if (pool_ && !acquire_run_lock(job_id, lock_name)) return;
  struct Unlock {
    PoolShare* pool;
    const std::string& name;
    ~Unlock() {
      if (pool) pool->coordinator().unlock(name);
    }
  } unlock{pool_.get(), lock_name};

  std::shared_ptr<RunControl> control;
  std::shared_ptr<const JobDocument> job;  // no-api mode: the document; else read below
  std::string project_id, trust_id;
  std::shared_ptr<const SchedulerOptions> o;
  std::string run_key;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return;
    auto& state = it->second.state;
    if (stopping_) {  // queued when the scheduler began to stop: not started at all
      state.phase = JobPhase::scheduled;
      return;
    }
    if (state.run_due) run_key = format_iso_datetime(*state.run_due);
    Effects effects;
    bool go = on_run_start(state, clock_.now(), effects);
    apply(job_id, effects);
    if (!go) return;
    auto& entry = jobs_.at(job_id);
    control = std::make_shared<RunControl>();
    runs_[job_id] = control;
    if (auto file = file_jobs_.find(job_id); file != file_jobs_.end()) job = file->second;
    project_id = *entry.project_id;
    trust_id = *entry.trust_id;
    o = options_;
  }
  Observer observer(*this, job_id);
  RunResult result = RunResult::fail;
  try {
    // A job with a trust acts through it: its reports, sessions, backups and Cinder calls all
    // happen in its owner's project.
    auto trust = trust_client(trust_id);  // held for the run
    if (trust) {
      // A trust its owner deleted must stop this job now, not when cached tokens expire.
      try {
        trust->identity->drop_if_revoked(identity_->token());
      } catch (const std::exception& e) {
        spdlog::warn("Job {}: could not check trust {}: {}", job_id,
                     common::secret_fingerprint(trust_id), e.what());
      }
    }
    auto api = api_ ? api_for(trust_id) : nullptr;
    if (!job && api) job = document_to_run(job_id, project_id, *api);
    if (job) {
      JobRunner runner(*o, *launcher_, api.get(), trust ? trust->identity.get() : nullptr, run_key,
                       &cinder_);
      result = runner.run(*job, *control, observer);
    } else {
      spdlog::info("Job {} is gone from the API: not run", job_id);
      std::lock_guard lock(mutex_);
      if (auto it = jobs_.find(job_id); it != jobs_.end())
        apply(job_id, on_vanished(it->second.state));
    }
  } catch (const std::exception& e) {
    spdlog::error("Job {} failed: {}", job_id, e.what());
    result = RunResult::fail;
  }
  std::lock_guard lock(mutex_);
  runs_.erase(job_id);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return;
  apply(job_id, on_run_end(it->second.state, result, clock_.now(), stopping_));
  wake_.notify_all();
}

// Idle jobs are held without their documents: a run reads its job again, which also runs the
// job as the API has it now. The copy in jobs_dir (the last listing's) stands in when the API
// cannot answer.
std::shared_ptr<const JobDocument> Scheduler::document_to_run(const std::string& job_id,
                                                              const std::string& project_id,
                                                              FreezerClient& api) {
  std::string failure;
  try {
    auto doc = api.get_job(project_id, job_id);
    if (!doc) return nullptr;
    return std::make_shared<const JobDocument>(parse_job_document(*doc, project_id));
  } catch (const JobDocumentError&) {
    throw;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  auto copy = files_->load(job_id);
  if (!copy)
    throw std::runtime_error("the API cannot give its document (" + failure +
                             ") and jobs_dir has no copy");
  spdlog::warn("Job {}: the API cannot give its document ({}): running the copy in {}", job_id,
               failure, files_->dir());
  return std::make_shared<const JobDocument>(parse_job_document(*copy, project_id));
}

std::optional<ReportSnapshot> Scheduler::report_snapshot(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return std::nullopt;
  const auto& e = it->second;
  return ReportSnapshot{job_id,
                        *e.project_id,
                        *e.trust_id,
                        e.state.report,
                        e.server_keys ? *e.server_keys : std::string(),
                        e.server_session_tag};
}

void Scheduler::server_view(const std::string& job_id, const std::string& schedule,
                            long long session_tag, unsigned long long delivered_event_serial) {
  rapidjson::Document view;
  view.Parse(schedule.c_str());
  std::string keys = scheduler_owned_json(view);  // all a report compares with
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return;
  auto& e = it->second;
  // Kept while the job runs (its run reports again soon); an idle job's next report reads
  // the job first instead.
  e.server_keys =
      e.state.phase == JobPhase::running ? std::make_unique<std::string>(keys) : nullptr;
  e.server_session_tag = session_tag;
  if (delivered_event_serial != 0 && delivered_event_serial == e.state.report.event_serial)
    e.state.report.consumed_event.clear();
}

void Scheduler::report_vanished(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it != jobs_.end()) apply(job_id, on_vanished(it->second.state));
}

}  // namespace freezer::scheduler

#include "freezer_scheduler/scheduler.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <malloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <unordered_set>

#include "common/json.h"
#include "freezer_scheduler/job/capability_check.h"
#include "freezer_scheduler/run/job_runner.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

std::string hostname() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

std::string registration_body(const std::string& client_id, const SchedulerOptions& o) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto list = [&w](const char* key, const std::vector<std::string>& values) {
    w.Key(key);
    w.StartArray();
    for (const auto& v : values) w.String(v.c_str());
    w.EndArray();
  };
  w.StartObject();
  w.Key("client_id");
  w.String(client_id.c_str());
  w.Key("hostname");
  w.String(hostname().c_str());
  list("supported_actions", o.capabilities.actions);
  list("supported_modes", o.capabilities.modes);
  list("supported_storages", o.capabilities.storages);
  list("supported_engines", o.capabilities.engines);
  w.Key("is_central");
  w.Bool(o.centralized);
  w.EndObject();
  return buffer.GetString();
}

// 2 s, 4 s, ... up to `cap`.
std::chrono::seconds backoff(int failures, std::chrono::seconds cap) {
  return std::min<std::chrono::seconds>(cap, std::chrono::seconds(1LL << std::min(failures, 6)));
}

}  // namespace

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
      it->second.state.job.session_tag = tag;
    }
  }

 private:
  Scheduler& s_;
  std::string job_id_;
};

Scheduler::Scheduler(SchedulerOptions options, std::unique_ptr<ServiceIdentity> identity,
                     const common::Clock& clock)
    : clock_(clock),
      options_(std::make_shared<const SchedulerOptions>(std::move(options))),
      identity_(std::move(identity)) {
  files_ = std::make_unique<JobFiles>(options_->jobs_dir);
  if (identity_) {
    api_ = std::make_unique<FreezerClient>(*identity_, http_options_for(*options_));
    reporter_ = std::make_unique<JobReporter>(*api_, *this, 4);
  }
  workers_ =
      std::make_unique<common::ThreadPool>(static_cast<std::size_t>(options_->concurrent_jobs));
}

Scheduler::~Scheduler() {
  stop();
  if (poll_thread_.joinable()) poll_thread_.join();
  if (timer_thread_.joinable()) timer_thread_.join();
  workers_->shutdown();
  if (reporter_) reporter_->drain_and_stop(0s);
}

std::shared_ptr<const SchedulerOptions> Scheduler::options() const {
  std::lock_guard lock(mutex_);
  return options_;
}

std::string Scheduler::client_id() const {
  std::lock_guard lock(mutex_);
  return client_id_;
}

std::size_t Scheduler::job_count() const {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

std::optional<JobPhase> Scheduler::job_phase(const std::string& job_id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second.state.phase;
}

bool Scheduler::wait_for_stop(std::chrono::seconds duration) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [this] { return stopping_; });
}

void Scheduler::stop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  wake_.notify_all();
}

void Scheduler::identify() {
  auto o = options();
  if (!api_) {
    client_id_ = o->client_id.empty() ? hostname() : o->client_id;
    return;
  }
  std::string project;
  for (int failures = 0;; ++failures) {
    try {
      project = identity_->project_id();
      break;
    } catch (const common::KeystoneError& e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 400)
        throw FatalError(std::string(e.what()) + ": check [service_auth] (or the OS_* variables)");
      spdlog::error("Unable to authenticate: {} (retrying)", e.what());
    } catch (const std::exception& e) {
      spdlog::error("Unable to authenticate: {} (retrying)", e.what());
    }
    if (!wait_for_stop(backoff(failures + 1, o->interval))) return;
  }
  std::lock_guard lock(mutex_);
  own_project_ = project;
  client_id_ = o->client_id.empty() ? project + "_" + hostname() : o->client_id;
}

bool Scheduler::register_client() {
  if (!api_) return true;
  auto o = options();
  try {
    long status = api_->register_client(registration_body(client_id(), *o));
    if (status == 409) {
      spdlog::info("Client already registered");
    } else {
      spdlog::info("Client {} registered (central: {})", client_id(), o->centralized);
    }
    return true;
  } catch (const ApiError& e) {
    if (!e.transient()) {
      spdlog::error("Failed to register client: {}", e.what());
      return true;  // polling may still find jobs; nothing gets better by retrying
    }
    spdlog::error("Failed to register client: {} (retrying)", e.what());
  } catch (const std::exception& e) {
    spdlog::error("Failed to register client: {} (retrying)", e.what());
  }
  return false;
}

void Scheduler::run() {
  identify();
  for (int failures = 0; !register_client(); ++failures)
    if (!wait_for_stop(backoff(failures + 1, options()->interval))) break;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
  }
  spdlog::info("freezer-scheduler serving client {} ({} mode, poll every {} s, {} concurrent jobs)",
               client_id(), options()->centralized ? "central" : "normal",
               options()->interval.count(), options()->concurrent_jobs);
  poll_thread_ = std::thread([this] { poll_loop(); });
  timer_thread_ = std::thread([this] { timer_loop(); });
  {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_; });
  }
  spdlog::info("Stopping: running jobs are told to stop");
  poll_thread_.join();
  timer_thread_.join();
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, entry] : jobs_)
      if (entry.control) entry.control->abort();
  }
  workers_->shutdown();
  if (reporter_) reporter_->drain_and_stop(10s);
  spdlog::info("freezer-scheduler stopped");
}

void Scheduler::reload(const SchedulerOptions& next) {
  std::lock_guard lock(mutex_);
  const auto& current = *options_;
  if (next.client_id != current.client_id || next.centralized != current.centralized ||
      next.no_api != current.no_api || next.jobs_dir != current.jobs_dir ||
      next.concurrent_jobs != current.concurrent_jobs ||
      next.auth.auth_url != current.auth.auth_url || next.auth.username != current.auth.username ||
      next.auth.password != current.auth.password ||
      next.auth.backup_url != current.auth.backup_url)
    spdlog::warn(
        "reload: client_id, centralized_scheduler, no_api, jobs_dir, concurrent_jobs "
        "and [service_auth] changes need a restart; they are kept until then");
  auto merged = std::make_shared<SchedulerOptions>(current);
  merged->interval = next.interval;
  merged->disable_exec = next.disable_exec;
  merged->agent_path = next.agent_path;
  merged->agent_timeout = next.agent_timeout;
  merged->agent_kill_grace = next.agent_kill_grace;
  merged->api_page_size = next.api_page_size;
  merged->logging = next.logging;
  if (next.capabilities != current.capabilities) {
    merged->capabilities = next.capabilities;
    reregister_ = true;
  }
  spdlog::set_level(next.logging.debug ? spdlog::level::debug : spdlog::level::info);
  options_ = std::move(merged);
  wake_.notify_all();
  spdlog::info("Configuration reloaded (interval {} s{})", options_->interval.count(),
               reregister_ ? ", capabilities changed: registering again" : "");
}

void Scheduler::poll_loop() {
  int failures = 0;
  auto next_poll = std::chrono::steady_clock::now();
  bool first = true;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (!first) wake_.wait_until(lock, next_poll, [this] { return stopping_ || reregister_; });
      if (stopping_) return;
      if (reregister_) {
        reregister_ = false;
        lock.unlock();
        register_client();
      }
    }
    first = false;
    bool ok = false;
    try {
      ok = poll_once();
    } catch (const std::exception& e) {
      spdlog::error("Poll failed: {}", e.what());
    }
    failures = ok ? 0 : failures + 1;
    auto interval = options()->interval;
    next_poll = std::chrono::steady_clock::now() + (ok ? interval : backoff(failures, interval));
  }
}

bool Scheduler::poll_once() {
  auto started = std::chrono::steady_clock::now();
  auto o = options();
  auto now = clock_.now();
  // Jobs are reconciled page by page: only one page of documents is held at a time.
  std::vector<JobDocument> batch;
  std::unordered_set<std::string> seen;
  auto keep = [&](const rapidjson::Value& doc, bool cache) {
    try {
      JobDocument job = parse_job_document(doc);
      if (cache) {
        std::lock_guard lock(cache_mutex_);
        auto& written = cached_[job.job_id];
        if (written != job.content) {
          try {
            files_->store(job.job_id, doc);
            written = job.content;
          } catch (const std::exception& e) {
            spdlog::error("Unable to save jobs to {}. {}", files_->dir(), e.what());
          }
        }
      }
      batch.push_back(std::move(job));
    } catch (const JobDocumentError& e) {
      spdlog::error("Skipping a job the API listed: {}", e.what());
    }
  };
  auto flush = [&] {
    for (const auto& job : batch) seen.insert(job.job_id);
    reconcile(batch, now);
    batch.clear();
  };
  if (!api_) {
    if (loaded_from_files_) return true;
    loaded_from_files_ = true;
    for (const auto& doc : files_->load_all()) keep(doc, false);
    flush();
    spdlog::info("Loaded {} jobs from {}", seen.size(), files_->dir());
    return true;
  }
  spdlog::info("Polling for jobs from API");
  try {
    std::size_t listed = api_->list_jobs(
        client_id(), o->centralized, o->api_page_size,
        [&](const rapidjson::Value& doc) { keep(doc, true); }, flush);
    spdlog::info("Fetched {} jobs from API", listed);
  } catch (const std::exception& e) {
    spdlog::error("Unable to get jobs: {}", e.what());
    return false;
  }
  std::vector<std::pair<std::string, std::string>> candidates;  // (id, project): vanished?
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, entry] : jobs_)
      if (!seen.count(id)) candidates.emplace_back(id, entry.state.job.project_id);
  }
  if (!candidates.empty()) confirm_vanished(candidates);
  malloc_trim(0);  // the pages' memory goes back to the system, not to this process's peak
  spdlog::info("Poll cycle: {} jobs in {} ms", seen.size(),
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                   .count());
  return true;
}

void Scheduler::reconcile(std::vector<JobDocument>& fetched, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto o = options_;
  for (auto& doc : fetched) {
    try {
      std::string refusal = unsupported_capability(doc, o->capabilities);
      auto it = jobs_.find(doc.job_id);
      Effects effects;
      if (it == jobs_.end()) {
        spdlog::info("Created job {}", doc.job_id);
        Entry entry;
        if (refusal.empty()) {
          entry.state = first_poll(doc, now, effects);
        } else {
          entry.state.job = doc;
          effects = on_refused(entry.state, doc, refusal);
        }
        it = jobs_.emplace(doc.job_id, std::move(entry)).first;
      } else {
        effects = refusal.empty() ? on_poll(it->second.state, doc, now)
                                  : on_refused(it->second.state, doc, refusal);
      }
      it->second.server_schedule = std::move(doc.schedule);
      it->second.server_session_tag = doc.session_tag;
      it->second.server_seen = now;
      apply(doc.job_id, effects);
    } catch (const std::exception& e) {
      spdlog::error("Job {}: {}", doc.job_id, e.what());
    }
  }
  schedule_changed_ = true;
  wake_.notify_all();
}

void Scheduler::confirm_vanished(
    const std::vector<std::pair<std::string, std::string>>& candidates) {
  auto id = client_id();
  for (const auto& [job_id, project] : candidates) {
    bool gone = false;
    try {
      // Offset paging can skip a job when others complete during the poll: ask before
      // dropping it.
      auto job = api_->get_job(project.empty() ? own_project_ : project, job_id);
      gone = !job;
      if (job) {
        auto doc = parse_job_document(*job);
        gone = doc.client_id != id || doc.status == "completed";
      }
    } catch (const std::exception& e) {
      spdlog::warn("Job {} was not listed and cannot be read ({}): kept for now", job_id, e.what());
      continue;
    }
    if (!gone) continue;
    std::lock_guard lock(mutex_);
    if (auto it = jobs_.find(job_id); it != jobs_.end())
      apply(job_id, on_vanished(it->second.state));
  }
}

void Scheduler::apply(const std::string& job_id, const Effects& effects) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return;
  if (effects.kill && it->second.control) it->second.control->abort();
  if (effects.drop) {
    jobs_.erase(it);
    files_->remove(job_id);
    {
      std::lock_guard lock(cache_mutex_);
      cached_.erase(job_id);
    }
    spdlog::info("Job {} removed", job_id);
    return;
  }
  if (effects.report && reporter_) reporter_->request(job_id);
  schedule_changed_ = true;
}

void Scheduler::timer_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto now = clock_.now();
    schedule_changed_ = false;
    std::vector<std::string> due;
    auto next_wake = now + 1h;
    for (auto& [id, entry] : jobs_) {
      Effects effects;
      if (on_timer(entry.state, now, effects) == TimerOutcome::run) due.push_back(id);
      if (effects.report && reporter_) reporter_->request(id);
      if (entry.state.next_fire && TimePoint(*entry.state.next_fire) < next_wake)
        next_wake = *entry.state.next_fire;
    }
    for (const auto& id : due) workers_->submit([this, id] { execute(id); });
    wake_.wait_until(lock, next_wake, [this] { return stopping_ || schedule_changed_; });
  }
}

void Scheduler::execute(const std::string& job_id) {
  std::shared_ptr<RunControl> control;
  JobDocument job;
  std::shared_ptr<const SchedulerOptions> o;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return;
    auto& state = it->second.state;
    if (stopping_) {  // queued when the scheduler began to stop: not started at all
      state.phase = JobPhase::scheduled;
      return;
    }
    Effects effects;
    bool go = on_run_start(state, clock_.now(), effects);
    apply(job_id, effects);
    if (!go) return;
    control = std::make_shared<RunControl>();
    jobs_.at(job_id).control = control;
    job = jobs_.at(job_id).state.job;
    o = options_;
  }
  Observer observer(*this, job_id);
  std::string result;
  try {
    JobRunner runner(*o, api_.get());
    result = runner.run(job, *control, observer);
  } catch (const std::exception& e) {
    spdlog::error("Job {} failed: {}", job_id, e.what());
    result = "fail";
  }
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return;
  it->second.control.reset();
  apply(job_id, on_run_end(it->second.state, result, clock_.now(), stopping_));
  wake_.notify_all();
}

std::optional<ReportSnapshot> Scheduler::report_snapshot(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return std::nullopt;
  const auto& e = it->second;
  return ReportSnapshot{job_id,
                        e.state.job.project_id.empty() ? own_project_ : e.state.job.project_id,
                        e.state.report,
                        e.server_schedule,
                        e.server_session_tag,
                        e.server_seen};
}

void Scheduler::server_view(const std::string& job_id, const std::string& schedule,
                            long long session_tag, unsigned long long delivered_event_serial) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return;
  auto& e = it->second;
  e.server_schedule = schedule;
  e.server_session_tag = session_tag;
  e.server_seen = clock_.now();
  if (delivered_event_serial != 0 && delivered_event_serial == e.state.report.event_serial)
    e.state.report.consumed_event.clear();
}

void Scheduler::report_vanished(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(job_id);
  if (it != jobs_.end()) apply(job_id, on_vanished(it->second.state));
}

}  // namespace freezer::scheduler

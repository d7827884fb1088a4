#include "freezer_scheduler/scheduler.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

#include "common/host_name.h"
#include "common/json.h"
#include "common/uuid.h"
#include "freezer_scheduler/api/request_bodies.h"
#include "freezer_scheduler/coordination/zookeeper_coordinator.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

using common::host_name;

// 2 s, 4 s, ... up to `cap`.
std::chrono::seconds backoff(int failures, std::chrono::seconds cap) {
  return std::min<std::chrono::seconds>(cap, std::chrono::seconds(1LL << std::min(failures, 6)));
}

}  // namespace

Scheduler::Scheduler(SchedulerOptions options, std::unique_ptr<ServiceIdentity> identity,
                     const common::Clock& clock, std::unique_ptr<AgentLauncher> launcher)
    : clock_(clock),
      options_(std::make_shared<const SchedulerOptions>(std::move(options))),
      identity_(std::move(identity)),
      launcher_(std::move(launcher)) {
  files_ = std::make_unique<JobFiles>(options_->jobs_dir);
  trusts_ = std::make_unique<TrustClientCache>(
      options_->trust_cache_size,
      [this](const std::string& trust_id) { return make_trust_client(trust_id); });
  if (identity_) {
    api_ = std::make_unique<FreezerClient>(*identity_, http_options_for(*options_));
    reporter_ = std::make_unique<JobReporter>(
        [this](const std::string& trust_id) { return api_for(trust_id); }, *this, 4);
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

std::shared_ptr<TrustClient> Scheduler::trust_client(const std::string& trust_id) {
  auto o = options();
  if (trust_id.empty() || !api_ || o->auth.auth_type == "none") return nullptr;
  return trusts_->get(trust_id);
}

std::shared_ptr<TrustClient> Scheduler::make_trust_client(const std::string& trust_id) {
  auto o = options();
  // The service user's own credentials, scoped to the trust instead of its project: the
  // token acts in the trustor's project with the roles the trust delegates.
  auto credentials = service_credentials(o->auth);
  credentials.project_id.clear();
  credentials.project_name.clear();
  credentials.project_domain_id.clear();
  credentials.project_domain_name.clear();
  credentials.trust_id = trust_id;
  auto client = std::make_shared<TrustClient>();
  client->identity = std::make_unique<KeystoneIdentity>(
      credentials, o->auth.auth_url, endpoint_choice(o->auth), http_options_for(*o), clock_);
  client->api = std::make_unique<FreezerClient>(*client->identity, http_options_for(*o));
  return client;
}

std::shared_ptr<FreezerClient> Scheduler::api_for(const std::string& trust_id) {
  if (auto trust = trust_client(trust_id)) return {trust, trust->api.get()};
  return {std::shared_ptr<FreezerClient>(), api_.get()};  // the scheduler's own: not shared
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
    client_id_ = o->client_id.empty() ? host_name() : o->client_id;
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
  client_id_ = o->client_id.empty() ? project + "_" + host_name() : o->client_id;
}

bool Scheduler::register_client() {
  if (!api_) return true;
  auto o = options();
  try {
    long status = api_->register_client(
        client_registration_body(client_id(), host_name(), o->capabilities, o->centralized));
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

void Scheduler::join_pool() {
  auto o = options();
  if (o->coordination.backend_url.empty()) return;
  std::string member = o->coordination.member_id;
  // A fresh name at each start: the last run's member may outlive its process by a session
  // timeout, and must not be taken for this one.
  if (member.empty()) member = host_name() + "-" + common::uuid4_hex().substr(0, 8);
  std::string group = "freezer-scheduler-" + client_id();
  std::replace(group.begin(), group.end(), '/', '_');
  pool_ = std::make_unique<PoolShare>(std::make_unique<ZooKeeperCoordinator>(
      parse_backend_url(o->coordination.backend_url), group, member));
  pool_->coordinator().watch_members([this] {
    std::lock_guard lock(mutex_);
    members_changed_ = true;
    wake_.notify_all();
  });
  spdlog::info("Coordination: member {} of pool {} ({})", member, group,
               o->coordination.backend_url);
}

void Scheduler::run() {
  identify();
  join_pool();
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
    for (auto& [id, control] : runs_) control->abort();
  }
  workers_->shutdown();
  pool_.reset();  // leaves the pool now: the others take its jobs without waiting for a timeout
  if (reporter_) reporter_->drain_and_stop(10s);
  spdlog::info("freezer-scheduler stopped");
}

void Scheduler::reload(const SchedulerOptions& next) {
  std::lock_guard lock(mutex_);
  const auto& current = *options_;
  if (next.client_id != current.client_id || next.centralized != current.centralized ||
      next.no_api != current.no_api || next.jobs_dir != current.jobs_dir ||
      next.concurrent_jobs != current.concurrent_jobs ||
      next.auth.auth_url != current.auth.auth_url ||
      next.auth.credentials.username != current.auth.credentials.username ||
      next.auth.credentials.password != current.auth.credentials.password ||
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
  spdlog::set_level(next.logging.settings.level);
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
      if (!first)
        wake_.wait_until(lock, next_poll,
                         [this] { return stopping_ || reregister_ || members_changed_; });
      if (stopping_) return;
      members_changed_ = false;
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

void Scheduler::apply(const std::string& job_id, const Effects& effects) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return;
  if (effects.kill)
    if (auto run = runs_.find(job_id); run != runs_.end()) run->second->abort();
  if (effects.drop) {
    // Erased last: `job_id` may be the table's own key.
    unqueue_timer(it->second);
    file_jobs_.erase(job_id);
    files_->remove(job_id);
    spdlog::info("Job {} removed", job_id);
    jobs_.erase(it);
    return;
  }
  if (effects.report && reporter_) reporter_->request(job_id);
  queue_timer(it->second);
  schedule_changed_ = true;
}

Scheduler::JobTable::iterator Scheduler::insert_job(const std::string& job_id, Entry entry) {
  auto it = jobs_.emplace(job_id, std::move(entry)).first;  // keyed by the caller's string...
  auto node = jobs_.extract(it);
  node.key() = node.mapped().state.job_id;  // ...until the key views the node's own id
  return jobs_.insert(std::move(node)).position;
}

void Scheduler::queue_timer(Entry& entry) {
  const auto& fire = entry.state.next_fire;
  if (fire == entry.timed_at) return;
  unqueue_timer(entry);
  if (!fire) return;
  timers_.emplace(*fire, &entry.state.job_id);
  entry.timed_at = fire;
}

void Scheduler::unqueue_timer(Entry& entry) {
  if (!entry.timed_at) return;
  timers_.erase({*entry.timed_at, &entry.state.job_id});
  entry.timed_at.reset();
}

}  // namespace freezer::scheduler

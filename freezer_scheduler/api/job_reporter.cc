#include "freezer_scheduler/api/job_reporter.h"

#include <spdlog/spdlog.h>

#include "common/json.h"
#include "common/secret_fingerprint.h"
#include "freezer_scheduler/job/report_body.h"

namespace freezer::scheduler {
namespace {

using std::chrono::steady_clock;

long long session_tag_of(const rapidjson::Value& job) {
  auto it = job.FindMember("session_tag");
  return it != job.MemberEnd() && it->value.IsInt64() ? it->value.GetInt64() : 0;
}

}  // namespace

JobReporter::JobReporter(ClientFor client_for, ReportSource& source, std::size_t threads)
    : client_for_(std::move(client_for)), source_(source) {
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

JobReporter::~JobReporter() { drain_and_stop(std::chrono::seconds(0)); }

void JobReporter::request(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  if (in_flight_.count(job_id)) {
    dirty_.insert(job_id);
    return;
  }
  retry_.erase(job_id);
  if (queued_.insert(job_id).second) {
    queue_.push_back(job_id);
    wake_.notify_one();
  }
}

void JobReporter::drain_and_stop(std::chrono::seconds timeout) {
  {
    std::unique_lock lock(mutex_);
    idle_.wait_for(lock, timeout, [this] { return queue_.empty() && in_flight_.empty(); });
    stopping_ = true;
    wake_.notify_all();
  }
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void JobReporter::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (stopping_) return;
    // The next job whose retry time has come.
    auto now = steady_clock::now();
    std::optional<steady_clock::time_point> next_retry;
    auto ready = queue_.end();
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      auto r = retry_.find(*it);
      if (r == retry_.end() || r->second.first <= now) {
        ready = it;
        break;
      }
      if (!next_retry || r->second.first < *next_retry) next_retry = r->second.first;
    }
    if (ready == queue_.end()) {
      if (queue_.empty() && in_flight_.empty()) idle_.notify_all();
      if (next_retry) {
        wake_.wait_until(lock, *next_retry);
      } else {
        wake_.wait(lock);
      }
      continue;
    }
    std::string job_id = *ready;
    queue_.erase(ready);
    queued_.erase(job_id);
    in_flight_.insert(job_id);
    dirty_.erase(job_id);
    lock.unlock();
    bool done = true;
    try {
      done = report(job_id);
    } catch (const std::exception& e) {
      spdlog::error("Job update error: job {}: {}", job_id, e.what());
      done = false;
    }
    lock.lock();
    in_flight_.erase(job_id);
    if (!done) {
      auto& [when, failures] = retry_[job_id];
      failures = std::min(failures + 1, 6);
      when = steady_clock::now() + std::chrono::seconds(1 << failures);  // 2 s ... 64 s
    } else {
      retry_.erase(job_id);
    }
    if ((!done || dirty_.count(job_id)) && !stopping_ && queued_.insert(job_id).second)
      queue_.push_back(job_id);
    dirty_.erase(job_id);
    if (queue_.empty() && in_flight_.empty()) idle_.notify_all();
  }
}

bool JobReporter::report(const std::string& job_id) {
  auto snapshot = source_.report_snapshot(job_id);
  if (!snapshot) return true;  // forgotten meanwhile
  rapidjson::Document view;
  view.Parse(snapshot->server_schedule.c_str());
  if (!report_patch_body(view, snapshot->server_session_tag, snapshot->report)) {
    // The API showed this already: nothing to send, no need to read the job again, and no
    // trust's client to make (a listing reports every job it adopts).
    source_.server_view(job_id, snapshot->server_schedule, snapshot->server_session_tag,
                        snapshot->report.event_serial);
    return true;
  }
  try {
    auto client = client_for_(snapshot->trust_id);  // held for the report
    return report(*snapshot, *client);
  } catch (const common::KeystoneError& e) {
    // A revoked or deleted trust: nothing can report this job until its owner makes a new one.
    bool refused = e.status() == 400 || e.status() == 401 || e.status() == 403 || e.status() == 404;
    spdlog::error(
        "Job update error: job {} (trust {}): Keystone: {}{}", job_id,
        snapshot->trust_id.empty() ? "none" : common::secret_fingerprint(snapshot->trust_id),
        e.what(), refused ? "" : " (retrying)");
    return refused;
  }
}

bool JobReporter::report(ReportSnapshot& snapshot, FreezerClient& api) {
  const std::string& job_id = snapshot.job_id;
  // Read the job again right before the PATCH, however recent the last view: a user's edit
  // can land at any moment (even between two reports of one run start), and a PATCH built on
  // an older view would replace it.
  std::optional<rapidjson::Document> job;
  try {
    job = api.get_job(snapshot.project_id, job_id);
  } catch (const ApiError& e) {
    if (!e.transient()) {
      spdlog::error("Job update error: reading job {}: {}", job_id, e.what());
      return true;
    }
    spdlog::warn("Job update error: reading job {}: {} (retrying)", job_id, e.what());
    return false;
  }
  if (!job) {
    source_.report_vanished(job_id);
    return true;
  }
  auto schedule = job->FindMember("job_schedule");
  std::string fresh = schedule != job->MemberEnd() && schedule->value.IsObject()
                          ? common::to_json(schedule->value)
                          : "{}";
  source_.server_view(job_id, fresh, session_tag_of(*job), 0);
  snapshot.server_schedule = fresh;
  snapshot.server_session_tag = session_tag_of(*job);
  rapidjson::Document server;
  server.Parse(snapshot.server_schedule.c_str());
  auto body = report_patch_body(server, snapshot.server_session_tag, snapshot.report);
  if (!body) {
    source_.server_view(job_id, snapshot.server_schedule, snapshot.server_session_tag,
                        snapshot.report.event_serial);
    return true;
  }
  try {
    api.update_job(snapshot.project_id, job_id, *body);
  } catch (const ApiError& e) {
    if (e.status() == 404) {
      source_.report_vanished(job_id);
      return true;
    }
    if (!e.transient()) {
      spdlog::error("Job update error: job {}: {}", job_id, e.what());
      return true;
    }
    spdlog::warn("Job update error: job {}: {} (retrying)", job_id, e.what());
    return false;
  } catch (const std::exception& e) {
    spdlog::warn("Job update error: job {}: {} (retrying)", job_id, e.what());
    return false;
  }
  rapidjson::Document sent;
  sent.Parse(body->c_str());
  source_.server_view(job_id, common::to_json(sent["job_schedule"]),
                      snapshot.report.session_tag.value_or(snapshot.server_session_tag),
                      snapshot.report.event_serial);
  spdlog::debug("Job {} reported: {}", job_id, *body);
  return true;
}

}  // namespace freezer::scheduler

// The scheduler's poll: its client's jobs, page by page, into the job table; jobs gone from
// the API are confirmed gone and dropped.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "freezer_scheduler/job/capability_check.h"
#include "freezer_scheduler/scheduler.h"

namespace freezer::scheduler {

// What one poll has seen so far: the page being read, every job id listed, and how many
// jobs belong to the pool's other members.
struct Scheduler::PollPass {
  TimePoint now;
  std::vector<JobDocument> page;
  std::unordered_set<std::string> seen;
  std::size_t elsewhere = 0;
};

namespace {

// Thrown between two pages of a full listing when the pool's members changed: the rest of the
// listing would be of a share that is no longer this member's.
struct ListingOutdated {};

}  // namespace

bool Scheduler::poll_once() {
  auto started = std::chrono::steady_clock::now();
  // A new member set moves jobs between members: only a full listing finds them all.
  if (pool_ && pool_->refresh()) change_cursor_.reset();
  PollPass pass{clock_.now(), {}, {}, 0};
  if (!api_) {
    if (loaded_from_files_) return true;
    loaded_from_files_ = true;
    for (const auto& doc : files_->load_all()) take_listed_job(pass, doc, false);
    reconcile_page(pass);
    spdlog::info("Loaded {} jobs from {}", pass.seen.size(), files_->dir());
    return true;
  }
  auto o = options();
  auto elapsed_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started)
        .count();
  };
  if (change_cursor_) {
    try {
      if (poll_changes(pass, o->centralized, o->api_page_size)) {
        spdlog::info("Poll cycle: {} changed jobs in {} ms", pass.seen.size(), elapsed_ms());
        return true;
      }
      spdlog::info("The API no longer lists job changes: listing every job");
    } catch (const std::exception& e) {
      spdlog::error("Unable to get job changes: {}", e.what());
      change_cursor_.reset();  // the next poll lists every job
      return false;
    }
  }
  spdlog::info("Polling for jobs from API");
  std::optional<long long> cursor;
  try {
    // Taken before the listing: what changes while it runs is listed again next time.
    cursor = api_->change_cursor(o->centralized);
  } catch (const std::exception& e) {
    spdlog::warn("The API gave no change cursor ({}): the next poll lists every job", e.what());
  }
  try {
    std::size_t listed = api_->list_jobs(
        client_id(), o->centralized, o->api_page_size,
        [&](const rapidjson::Value& doc) { take_listed_job(pass, doc, true); },
        [&] {
          reconcile_page(pass);
          // Members starting together: the first one up would otherwise list the whole
          // cloud's jobs before it sees the others.
          std::lock_guard lock(mutex_);
          if (pool_ && members_changed_) throw ListingOutdated{};
        },
        pool_share_query());
    spdlog::info("Fetched {} jobs from API", listed);
  } catch (const ListingOutdated&) {
    spdlog::info("The pool's members changed during the listing: listing the new share");
    return true;  // the poll loop sees members_changed_ and polls again at once
  } catch (const std::exception& e) {
    spdlog::error("Unable to get jobs: {}", e.what());
    return false;
  }
  drop_unlisted_jobs(pass.seen);
  change_cursor_ = cursor;
  malloc_trim(0);  // the pages' memory goes back to the system, not to this process's peak
  if (pool_) spdlog::info("Poll cycle: {} jobs belong to the pool's other members", pass.elsewhere);
  spdlog::info("Poll cycle: {} jobs in {} ms", pass.seen.size(), elapsed_ms());
  return true;
}

// What asks this API for this member's share of the jobs only (other APIs list every job,
// and take_listed_job keeps the share): the pool's members, when this one is among them.
std::optional<FreezerClient::PoolShareQuery> Scheduler::pool_share_query() {
  if (!pool_ || !pool_->members()) return std::nullopt;
  const auto& members = *pool_->members();
  const auto& self = pool_->coordinator().member_id();
  bool listable = std::find(members.begin(), members.end(), self) != members.end();
  for (const auto& member : members) listable = listable && member.find(',') == std::string::npos;
  if (!listable) return std::nullopt;
  return FreezerClient::PoolShareQuery{members, self};
}

// Only the jobs changed since the last poll (the API's change listing): changed jobs of this
// client are reconciled as listed ones; deleted jobs, completed ones and jobs that moved to
// another client are dropped.
bool Scheduler::poll_changes(PollPass& pass, bool all_projects, int page_size) {
  std::vector<std::string> gone;
  const std::string own_client = client_id();
  auto cursor = api_->list_job_changes(
      all_projects, page_size, *change_cursor_,
      [&](const rapidjson::Value& doc) {
        try {
          JobDocument job = parse_job_document(doc, own_project_);
          if (job.client_id != own_client || job.status == "completed") {
            gone.push_back(job.job_id);
            return;
          }
        } catch (const JobDocumentError&) {
        }
        take_listed_job(pass, doc, true);
      },
      [&](const std::string& job_id) { gone.push_back(job_id); }, [&] { reconcile_page(pass); });
  if (!cursor) return false;
  drop_jobs(gone);
  change_cursor_ = cursor;
  return true;
}

void Scheduler::drop_jobs(const std::vector<std::string>& job_ids) {
  std::lock_guard lock(mutex_);
  for (const auto& id : job_ids)
    if (auto it = jobs_.find(id); it != jobs_.end()) {
      spdlog::info("Job {} was deleted, completed or given to another client", id);
      apply(id, on_vanished(it->second.state));
    }
}

void Scheduler::take_listed_job(PollPass& pass, const rapidjson::Value& doc, bool cache) {
  try {
    JobDocument job = parse_job_document(doc, own_project_);
    if (pool_ && !pool_->owns(job.job_id)) {
      ++pass.elsewhere;
      return;
    }
    if (cache) cache_job_file(job, doc);
    pass.page.push_back(std::move(job));
  } catch (const JobDocumentError& e) {
    spdlog::error("Skipping a job the API listed: {}", e.what());
  }
}

// The job's file in jobs_dir, rewritten only when the job changed since it was written.
void Scheduler::cache_job_file(const JobDocument& job, const rapidjson::Value& doc) {
  std::lock_guard lock(cache_mutex_);
  auto& written = cached_[job.job_id];
  if (written == job.content) return;
  try {
    files_->store(job.job_id, doc);
    written = job.content;
  } catch (const std::exception& e) {
    spdlog::error("Unable to save jobs to {}. {}", files_->dir(), e.what());
  }
}

// Jobs are reconciled page by page: only one page of documents is held at a time.
void Scheduler::reconcile_page(PollPass& pass) {
  for (const auto& job : pass.page) pass.seen.insert(job.job_id);
  reconcile(pass.page, pass.now);
  pass.page.clear();
}

// A job the poll did not list moved to another member of the pool, or may be gone: asked for
// before it is dropped.
void Scheduler::drop_unlisted_jobs(const std::unordered_set<std::string>& seen) {
  std::vector<std::pair<std::string, std::string>> candidates;  // (id, project): vanished?
  {
    std::lock_guard lock(mutex_);
    std::vector<std::string> moved;  // to another member of the pool
    for (const auto& [id, entry] : jobs_) {
      if (seen.count(id)) continue;
      if (pool_ && !pool_->owns(id)) {
        // A job being removed is dropped when its run ends.
        if (entry.state.pending != PendingRequest::remove) moved.push_back(id);
      } else {
        candidates.emplace_back(id, entry.state.job.project_id);
      }
    }
    for (const auto& id : moved) {
      spdlog::info("Job {} belongs to pool member {} now", id, pool_->owner(id));
      apply(id, on_vanished(jobs_.at(id).state));  // a run going on ends first
    }
  }
  if (!candidates.empty()) confirm_vanished(candidates);
}

void Scheduler::reconcile(std::vector<JobDocument>& fetched, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto o = options_;
  for (auto& doc : fetched) {
    try {
      if (o->centralized && doc.trust_id.empty()) {
        // Nobody delegated this job's project to the central scheduler: it cannot act there.
        if (untrusted_logged_.insert(doc.job_id).second)
          spdlog::error("Job {} ignored: missing trust_id in centralized mode", doc.job_id);
        continue;
      }
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
      auto job = api_->get_job(project, job_id);
      gone = !job;
      if (job) {
        auto doc = parse_job_document(*job, project);
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

}  // namespace freezer::scheduler

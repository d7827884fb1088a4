// The scheduler's poll: its client's jobs, page by page, into the job table; jobs gone from
// the API are confirmed gone and dropped.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "freezer_scheduler/job/capability_check.h"
#include "freezer_scheduler/scheduler.h"

namespace freezer::scheduler {

// What one poll has seen so far: the page being read (each job with the listed document, null
// for jobs read from jobs_dir), every job id listed, and how many jobs belong to the pool's
// other members.
struct Scheduler::PollPass {
  struct Listed {
    JobDocument job;
    const rapidjson::Value* doc;  // valid until the page is reconciled
  };
  TimePoint now;
  unsigned listing = 0;  // which full listing this is (0: a change poll)
  std::vector<Listed> page;
  std::size_t listed = 0;
  std::size_t elsewhere = 0;
};

namespace {

// Thrown between two pages of a full listing when the pool's members changed: the rest of the
// listing would be of a share that is no longer this member's.
struct ListingOutdated {};

// Whether the API can be asked for the share of `self` among `members`: it is one of them,
// and no name holds the list's separator.
bool share_listable(const std::vector<std::string>& members, const std::string& self) {
  return std::find(members.begin(), members.end(), self) != members.end() &&
         std::none_of(members.begin(), members.end(),
                      [](const std::string& m) { return m.find(',') != std::string::npos; });
}

}  // namespace

bool Scheduler::poll_once() {
  auto started = std::chrono::steady_clock::now();
  // A new member set moves jobs between members. The jobs held are complete up to the change
  // cursor, so only those arriving here need listing; without a cursor only a full listing
  // finds them all.
  std::optional<FreezerClient::PoolShareQuery> arrivals;
  if (pool_) {
    auto before = pool_->members();
    if (pool_->refresh()) {
      arrivals = pool_share_query();
      if (arrivals && change_cursor_ && before &&
          share_listable(*before, pool_->coordinator().member_id())) {
        arrivals->members_before = *before;
      } else {
        arrivals.reset();
        change_cursor_.reset();
      }
    }
  }
  PollPass pass;
  pass.now = clock_.now();
  if (!api_) {
    if (loaded_from_files_) return true;
    loaded_from_files_ = true;
    for (const auto& doc : files_->load_all()) take_listed_job(pass, doc, true);
    reconcile_page(pass);
    spdlog::info("Loaded {} jobs from {}", pass.listed, files_->dir());
    return true;
  }
  auto o = options();
  auto elapsed_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started)
        .count();
  };
  if (arrivals) {
    if (!poll_arrivals(pass, *arrivals)) return false;
    spdlog::info("Poll cycle: {} jobs in {} ms (the jobs that moved to this member)", pass.listed,
                 elapsed_ms());
    return true;
  }
  if (change_cursor_) {
    try {
      if (poll_changes(pass, o->centralized, o->api_page_size)) {
        spdlog::info("Poll cycle: {} changed jobs in {} ms", pass.listed, elapsed_ms());
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
  pass.listing = ++listings_;
  std::optional<long long> cursor;
  try {
    // Taken before the listing: what changes while it runs is listed again next time.
    cursor = api_->change_cursor(o->centralized);
  } catch (const std::exception& e) {
    spdlog::warn("The API gave no change cursor ({}): the next poll lists every job", e.what());
  }
  try {
    std::size_t listed = list_into_table(pass, pool_share_query());
    spdlog::info("Fetched {} jobs from API", listed);
  } catch (const ListingOutdated&) {
    spdlog::info("The pool's members changed during the listing: listing the new share");
    return true;  // the poll loop sees members_changed_ and polls again at once
  } catch (const std::exception& e) {
    spdlog::error("Unable to get jobs: {}", e.what());
    return false;
  }
  drop_unlisted_jobs(pass.listing);
  change_cursor_ = cursor;
  malloc_trim(0);  // the pages' memory goes back to the system, not to this process's peak
  if (pool_) spdlog::info("Poll cycle: {} jobs belong to the pool's other members", pass.elsewhere);
  spdlog::info("Poll cycle: {} jobs in {} ms", pass.listed, elapsed_ms());
  return true;
}

// What asks this API for this member's share of the jobs only (other APIs list every job,
// and take_listed_job keeps the share): the pool's members, when this one is among them.
std::optional<FreezerClient::PoolShareQuery> Scheduler::pool_share_query() {
  if (!pool_ || !pool_->members()) return std::nullopt;
  const auto& members = *pool_->members();
  const auto& self = pool_->coordinator().member_id();
  if (!share_listable(members, self)) return std::nullopt;
  return FreezerClient::PoolShareQuery{members, self, {}};
}

// This client's jobs (`share`'s when given), page by page into the job table. Throws
// ListingOutdated between two pages when the pool's members changed: the rest would be of a
// share that is no longer this member's (members starting together: the first one up would
// otherwise list the whole cloud's jobs before it sees the others).
std::size_t Scheduler::list_into_table(PollPass& pass,
                                       const std::optional<FreezerClient::PoolShareQuery>& share) {
  auto o = options();
  return api_->list_jobs(
      client_id(), o->centralized, o->api_page_size,
      [&](const rapidjson::Value& doc) { take_listed_job(pass, doc, false); },
      [&] {
        reconcile_page(pass);
        std::lock_guard lock(mutex_);
        if (pool_ && members_changed_) throw ListingOutdated{};
      },
      share);
}

// After the pool's members changed: the jobs that moved to this member are listed, those that
// moved away are handed over. False when that failed (the next poll lists every job).
bool Scheduler::poll_arrivals(PollPass& pass, const FreezerClient::PoolShareQuery& share) {
  spdlog::info("The pool's members changed: listing the jobs that move to this member");
  try {
    list_into_table(pass, share);
  } catch (const ListingOutdated&) {
    spdlog::info("The pool's members changed during the listing: listing the new share");
    change_cursor_.reset();  // some arrivals may be missing: list every job
    return true;
  } catch (const std::exception& e) {
    spdlog::error("Unable to get jobs: {}", e.what());
    change_cursor_.reset();
    return false;
  }
  std::lock_guard lock(mutex_);
  hand_over_departed_jobs();
  return true;
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
        take_listed_job(pass, doc, false);
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

void Scheduler::take_listed_job(PollPass& pass, const rapidjson::Value& doc, bool from_file) {
  try {
    JobDocument job = parse_job_document(doc, own_project_);
    if (pool_ && !pool_->owns(job.job_id)) {
      ++pass.elsewhere;
      return;
    }
    pass.page.push_back({std::move(job), from_file ? nullptr : &doc});
  } catch (const JobDocumentError& e) {
    spdlog::error("Skipping a job the API listed: {}", e.what());
  }
}

// Jobs are reconciled page by page: only one page of documents is held at a time.
void Scheduler::reconcile_page(PollPass& pass) {
  pass.listed += pass.page.size();
  write_job_files(pass, reconcile(pass));
  pass.page.clear();
}

// The job files in jobs_dir of the page's jobs that changed since their files were written.
// Not under the job table's lock; a file that cannot be written is tried again next poll.
void Scheduler::write_job_files(const PollPass& pass, const std::vector<std::size_t>& changed) {
  std::vector<std::string> failed;
  for (auto i : changed) {
    const auto& listed = pass.page[i];
    try {
      files_->store(listed.job.job_id, *listed.doc);
    } catch (const std::exception& e) {
      spdlog::error("Unable to save jobs to {}. {}", files_->dir(), e.what());
      failed.push_back(listed.job.job_id);
    }
  }
  if (failed.empty()) return;
  std::lock_guard lock(mutex_);
  for (const auto& id : failed)
    if (auto it = jobs_.find(id); it != jobs_.end()) it->second.file_content = 0;
}

// A job the poll did not list moved to another member of the pool, or may be gone: asked for
// before it is dropped.
void Scheduler::drop_unlisted_jobs(unsigned listing) {
  std::vector<std::pair<std::string, std::string>> candidates;  // (id, project): vanished?
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, entry] : jobs_)
      if (entry.listed_in != listing && (!pool_ || pool_->owns(entry.state.job_id)))
        candidates.emplace_back(id, *entry.project_id);
    hand_over_departed_jobs();
  }
  if (!candidates.empty()) confirm_vanished(candidates);
}

std::vector<std::size_t> Scheduler::reconcile(PollPass& pass) {
  std::vector<std::size_t> stale_files;
  std::lock_guard lock(mutex_);
  auto o = options_;
  for (std::size_t i = 0; i < pass.page.size(); ++i) {
    auto& [doc, listed] = pass.page[i];
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
          entry.state = first_poll(doc, pass.now, effects);
        } else {
          effects = on_refused(entry.state, doc, refusal);
        }
        it = insert_job(doc.job_id, std::move(entry));
      } else {
        effects = refusal.empty() ? on_poll(it->second.state, doc, pass.now)
                                  : on_refused(it->second.state, doc, refusal);
      }
      auto& entry = it->second;
      entry.project_id = ids_.intern(doc.project_id);
      entry.trust_id = ids_.intern(doc.trust_id);
      if (pass.listing) entry.listed_in = pass.listing;
      // What the job's report is compared with; an idle job with nothing to report keeps none.
      entry.server_keys =
          effects.report ? std::make_unique<std::string>(std::move(doc.scheduler_keys)) : nullptr;
      entry.server_session_tag = doc.session_tag;
      if (!listed) {
        file_jobs_[doc.job_id] = std::make_shared<const JobDocument>(doc);
      } else if (entry.file_content != doc.content && !effects.drop) {
        entry.file_content = doc.content;
        stale_files.push_back(i);
      }
      apply(doc.job_id, effects);
    } catch (const std::exception& e) {
      spdlog::error("Job {}: {}", doc.job_id, e.what());
    }
  }
  schedule_changed_ = true;
  wake_.notify_all();
  return stale_files;
}

// Jobs the pool's ring gives to other members now are dropped here (a run going on ends first),
// and the project and trust ids no job holds any more are forgotten. With mutex_ held.
void Scheduler::hand_over_departed_jobs() {
  if (pool_) {
    std::vector<std::string> moved;
    for (const auto& [id, entry] : jobs_)
      // A job being removed is dropped when its run ends.
      if (!pool_->owns(entry.state.job_id) && entry.state.pending != PendingRequest::remove)
        moved.emplace_back(id);
    for (const auto& id : moved) {
      spdlog::info("Job {} belongs to pool member {} now", id, pool_->owner(id));
      apply(id, on_vanished(jobs_.at(id).state));
    }
  }
  std::unordered_set<const std::string*> used;
  for (const auto& [id, entry] : jobs_) used.insert({entry.project_id, entry.trust_id});
  ids_.sweep([&](const std::string* id) { return used.count(id) > 0; });
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

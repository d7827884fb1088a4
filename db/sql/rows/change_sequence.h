#pragma once
// The change sequence of jobs (migration 003): a job's row is stamped with a new one at each
// write that changes what its document shows, so that a poll can ask for what changed since
// its last one (JobQuery::changed_after).
#include <soci/soci.h>

#include <string>

namespace freezer::db::sql {

// Microseconds since the epoch, strictly increasing within this process. Several API
// processes stamp from their own clocks: readers take that into account with a margin
// (see the jobs list's changes_until).
long long next_change_sequence();

// Stamps the job `job_id` (live or deleted).
void mark_job_changed(soci::session& sql, const std::string& job_id);
// Stamps the live jobs that link the action `action_id`.
void mark_jobs_of_action_changed(soci::session& sql, const std::string& action_id);

}  // namespace freezer::db::sql

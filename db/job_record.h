#pragma once
#include <optional>
#include <string>
#include <vector>

namespace freezer::db {

// A row of `jobs` with its ordered `job_actions` links.
struct JobRecord {
  std::string id;
  std::string project_id;
  std::string user_id;
  std::string client_id;
  std::string schedule = "{}";  // JSON object, as posted in job_schedule
  std::optional<std::string> session_id;
  std::optional<long long> session_tag;
  std::optional<std::string> description;
  std::vector<std::string> action_ids;  // job_actions, by position
  // Set by the store: the job's last change (see JobQuery::changed_after), and whether the
  // job is deleted (only such a query lists deleted jobs).
  long long change_seq = 0;
  bool deleted = false;
};

// What a job list selects. Filters are pushed down to indexed columns.
struct JobQuery {
  std::optional<std::string> project_id;  // nullopt: every project
  std::optional<std::string> client_id;
  std::optional<std::string> session_id;
  // Only the jobs changed after this change sequence, deleted ones included (their records
  // say `deleted`, and come without their parts).
  std::optional<long long> changed_after;
};

}  // namespace freezer::db

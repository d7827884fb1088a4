#pragma once
#include <optional>
#include <string>

namespace freezer::db {

// A row of `actions`. `freezer_action` (the JSON the client posted, column backup_metadata)
// is the source of truth; the other columns are derived from it for querying.
struct ActionRecord {
  std::string id;
  std::string project_id;
  std::string user_id;
  std::string action;
  std::optional<std::string> mode;  // column actionmode
  std::optional<std::string> path_to_backup;
  std::optional<std::string> backup_name;
  std::optional<std::string> container;
  std::optional<std::string> log_file;
  std::optional<long long> timeout;
  std::optional<long long> priority;
  std::optional<long long> max_retries;
  std::optional<long long> max_retries_interval;
  std::optional<bool> mandatory;
  std::string freezer_action = "{}";
};

}  // namespace freezer::db

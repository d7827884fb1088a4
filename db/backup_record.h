#pragma once
#include <optional>
#include <string>

namespace freezer::db {

// A row of `backups`: the posted metadata document, with status and job_id in their own
// columns for querying.
struct BackupRecord {
  std::string id;
  std::string project_id;
  std::string user_id;
  std::optional<std::string> job_id;
  std::string metadata = "{}";  // JSON object (column backup_metadata)
  std::string status = "available";
};

}  // namespace freezer::db

#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/backup_record.h"
#include "db/page.h"

namespace freezer::db {

struct BackupQuery {
  std::string project_id;
  std::optional<std::string> status;
  std::optional<std::string> job_id;
};

class BackupStore {
 public:
  virtual ~BackupStore() = default;

  virtual std::optional<BackupRecord> find(const std::string& project_id,
                                           const std::string& id) = 0;
  virtual std::vector<BackupRecord> list(const BackupQuery& query, const Page& page) = 0;
  virtual void insert(const BackupRecord& record) = 0;
  // Rewrites metadata, status, job_id and user_id of the live backup of the project.
  virtual void update(const BackupRecord& record) = 0;
  virtual void soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db

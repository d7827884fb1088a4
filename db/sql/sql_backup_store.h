#pragma once
#include "db/backup_store.h"
#include "db/sql/session_source.h"

namespace freezer::db::sql {

class SqlBackupStore final : public BackupStore {
 public:
  explicit SqlBackupStore(SessionSource source) : source_(source) {}

  std::optional<BackupRecord> find(const std::string& project_id, const std::string& id) override;
  std::vector<BackupRecord> list(const BackupQuery& query, const Page& page) override;
  void insert(const BackupRecord& record) override;
  void update(const BackupRecord& record) override;
  void soft_delete(const std::string& project_id, const std::string& id) override;

 private:
  SessionSource source_;
};

}  // namespace freezer::db::sql

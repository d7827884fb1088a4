#pragma once
#include "db/backup_store.h"
#include "db/sql/rows/tables.h"
#include "db/sql/stores/sql_record_store.h"

namespace freezer::db::sql {

class SqlBackupStore final : public SqlRecordStore<BackupStore> {
 public:
  using SqlRecordStore::SqlRecordStore;

  std::vector<BackupRecord> list(const BackupQuery& query, const Page& page) override {
    std::string conditions = "project_id = :project_id";
    Params params{{"project_id", query.project_id}};
    if (query.status) {
      conditions += " AND status = :status";
      params.push_back({"status", *query.status});
    }
    if (query.job_id) {
      conditions += " AND job_id = :job_id";
      params.push_back({"job_id", *query.job_id});
    }
    return list_where(conditions, std::move(params), page);
  }
};

}  // namespace freezer::db::sql

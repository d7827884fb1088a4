#pragma once
#include "db/job_store.h"
#include "db/sql/rows/joined_rows.h"
#include "db/sql/stores/sql_record_store.h"

namespace freezer::db::sql {

class SqlJobStore final : public SqlRecordStore<JobStore> {
 public:
  using SqlRecordStore::SqlRecordStore;

  std::optional<JobRecord> find(const std::string& project_id, const std::string& id) override;
  std::optional<JobWithParts> find_with_parts(const std::string& project_id,
                                              const std::string& id) override;
  std::vector<JobWithParts> list(const JobQuery& query, const Page& page) override;

  // The SELECT that list() runs for `query` (exposed so tests can check its query plan).
  static std::string list_sql(const JobQuery& query,
                              const DialectTraits& dialect = traits(Dialect::kSqlite));

 private:
  static const std::string& cached_list_sql(const JobQuery& query, const DialectTraits& dialect);
  // list_sql's page of ids up to its conditions.
  static std::string where_sql(const JobQuery& query, const DialectTraits& dialect);

  void after_insert(soci::session& sql, const JobRecord& record, const std::string& now) override;
  void after_update(soci::session& sql, const JobRecord& record, const std::string& now) override;
  void after_soft_delete(soci::session& sql, const std::string& id,
                         const std::string& now) override;
};

}  // namespace freezer::db::sql

#pragma once
#include <unordered_map>

#include "db/job_store.h"
#include "db/sql/rows/joined_rows.h"
#include "db/sql/stores/job_document_cache.h"
#include "db/sql/stores/job_version_reads.h"
#include "db/sql/stores/sql_record_store.h"

namespace freezer::db::sql {

class SqlJobStore final : public SqlRecordStore<JobStore> {
 public:
  // With a cache, reads outside a transaction check the jobs' change sequences first and join
  // only for the jobs it does not hold as they are (job_document_cache.h); with `versions`,
  // a single job's check is batched with concurrent ones (job_version_reads.h).
  explicit SqlJobStore(ConnectionSource source, JobDocumentCache* cache = nullptr,
                       JobVersionReads* versions = nullptr)
      : SqlRecordStore(source), cache_(cache), versions_(versions) {}

  std::optional<JobRecord> find(const std::string& project_id, const std::string& id) override;
  std::optional<JobWithParts> find_with_parts(const std::string& project_id,
                                              const std::string& id) override;
  std::vector<JobWithParts> list(const JobQuery& query, const Page& page) override;
  std::vector<std::string> list_ids(const JobQuery& query, const Page& page) override;
  bool update_if_unchanged(const JobRecord& record) override;
  std::vector<JobWithParts> find_many_with_parts(const std::vector<std::string>& ids) override;

  // The SELECT that list() runs for `query` (exposed so tests can check its query plan).
  static std::string list_sql(const JobQuery& query,
                              const DialectTraits& dialect = traits(Dialect::kSqlite));

 private:
  std::optional<JobWithParts> find_through_cache(const std::string& project_id,
                                                 const std::string& id);
  std::vector<JobWithParts> list_through_cache(const JobQuery& query, const Page& page);
  // The live jobs of `ids` with their parts, joined in one read, and kept in the cache.
  std::vector<JobWithParts> fetch_and_keep(const std::vector<std::string>& ids);
  std::vector<JobWithParts> fetch(const std::vector<std::string>& ids);

  // The queries of a listing: list_sql, and the page's ids with their change sequences.
  enum class Shaped { kList = 0, kVersions = 1, kIds = 2 };
  static const std::string& per_shape(const JobQuery& query, const DialectTraits& dialect,
                                      Shaped shaped);
  // The SELECT of `columns` of the listing's jobs, up to its conditions.
  static std::string where_sql(const JobQuery& query, const DialectTraits& dialect,
                               const char* columns);

  void after_insert(soci::session& sql, const JobRecord& record, const std::string& now) override;
  void after_update(soci::session& sql, const JobRecord& record, const std::string& now) override;
  void after_soft_delete(soci::session& sql, const std::string& id,
                         const std::string& now) override;

  JobDocumentCache* cache_;
  JobVersionReads* versions_;
  // In a transaction: the action links of the jobs it read, as read (an update that keeps
  // them need not read them again).
  std::unordered_map<std::string, std::vector<std::string>> links_read_;
};

}  // namespace freezer::db::sql

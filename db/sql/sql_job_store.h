#pragma once
#include "db/job_store.h"
#include "db/sql/session_source.h"

namespace freezer::db::sql {

class SqlJobStore final : public JobStore {
 public:
  explicit SqlJobStore(SessionSource source) : source_(source) {}

  std::optional<JobRecord> find(const std::string& project_id, const std::string& id) override;
  std::optional<JobWithParts> find_with_parts(const std::string& project_id,
                                              const std::string& id) override;
  std::vector<JobWithParts> list(const JobQuery& query, const Page& page) override;
  IdOwner id_owner(const std::string& id) override;
  void insert(const JobRecord& record) override;
  void update(const JobRecord& record) override;
  void soft_delete(const std::string& project_id, const std::string& id) override;

  // The SELECT that list() runs for `query` (exposed so tests can check its query plan).
  static std::string list_sql(const JobQuery& query);

 private:
  static std::string where_sql(const JobQuery& query);  // list_sql up to its conditions

  SessionSource source_;
};

}  // namespace freezer::db::sql

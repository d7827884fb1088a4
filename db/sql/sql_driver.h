#pragma once
#include <memory>

#include "db/driver.h"
#include "db/sql/connection/connection_pool.h"
#include "db/sql/schema/migrator.h"
#include "db/sql/stores/sql_stores.h"

namespace freezer::db::sql {

class SqlDriver final : public WithSqlStores<Driver> {
 public:
  // `job_cache_size`: the jobs whose documents reads keep (job_document_cache.h); 0: none.
  SqlDriver(PoolOptions options, std::size_t job_cache_size);

  std::string name() const override { return pool_.dialect().name; }
  bool statements_are_round_trips() const override {
    return pool_.dialect().dialect == Dialect::kMysql;
  }
  std::unique_ptr<Transaction> begin() override;
  SchemaStatus schema_status() override;
  std::vector<int> sync_schema() override;
  std::string sync_plan() override;
  std::vector<std::string> table_names() override;

 private:
  SqlStores& sql_stores() override { return stores_; }

  ConnectionPool pool_;
  Migrator migrator_;
  std::unique_ptr<JobDocumentCache> job_cache_;
  std::unique_ptr<JobVersionReads> job_versions_;  // MySQL, with the cache: round trips shared
  SqlStores stores_;
};

}  // namespace freezer::db::sql

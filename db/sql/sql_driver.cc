#include "db/sql/sql_driver.h"

#include "db/migrations.h"
#include "db/sql/schema/upstream_upgrade.h"
#include "db/sql/stores/sql_transaction.h"

namespace freezer::db::sql {

SqlDriver::SqlDriver(PoolOptions options, std::size_t job_cache_size)
    : pool_(std::move(options)),
      migrator_(pool_, load_migrations(embedded_migrations(), pool_.dialect()),
                std::make_unique<UpstreamUpgrade>(embedded_upstream_migrations(), pool_.dialect())),
      job_cache_(job_cache_size > 0 ? std::make_unique<JobDocumentCache>(job_cache_size) : nullptr),
      job_versions_(job_cache_ && pool_.dialect().dialect == Dialect::kMysql
                        ? std::make_unique<JobVersionReads>(pool_)
                        : nullptr),
      stores_(ConnectionSource(pool_), job_cache_.get(), job_versions_.get()) {}

std::unique_ptr<Transaction> SqlDriver::begin() { return std::make_unique<SqlTransaction>(pool_); }

SchemaStatus SqlDriver::schema_status() {
  return SchemaStatus{migrator_.current_version(), migrator_.latest_version()};
}

std::vector<int> SqlDriver::sync_schema() { return migrator_.sync(); }

std::string SqlDriver::sync_plan() { return migrator_.sync_plan(); }

std::vector<std::string> SqlDriver::table_names() { return migrator_.table_names(); }

}  // namespace freezer::db::sql

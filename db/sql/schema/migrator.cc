#include "db/sql/schema/migrator.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "db/errors.h"
#include "db/sql/connection/sql_errors.h"
#include "db/sql/connection/write_transaction.h"
#include "db/sql/rows/row_values.h"
#include "db/sql/schema/upstream_upgrade.h"

namespace freezer::db::sql {
namespace {

constexpr const char* kVersionTable = "freezer_schema_migrations";

// The table recording each applied migration (created once, by whichever comes first: a
// `db sync` of an empty database or the adoption of an upstream one).
void create_version_table(soci::session& sql, const DialectTraits& dialect) {
  sql << fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) "
      "NOT NULL, applied_at DATETIME NULL) {}",
      kVersionTable, dialect.table_options);
}

void record_version(soci::session& sql, int version, const std::string& name) {
  const std::string now = utc_now();
  sql << fmt::format("INSERT INTO {} (version, name, applied_at) VALUES (:v, :n, :t)",
                     kVersionTable),
      soci::use(version), soci::use(name), soci::use(now);
}

}  // namespace

Migrator::Migrator(ConnectionPool& pool, std::vector<Migration> migrations,
                   std::unique_ptr<UpstreamUpgrade> upstream)
    : pool_(pool), migrations_(std::move(migrations)), upstream_(std::move(upstream)) {}

Migrator::~Migrator() = default;

void Migrator::adopt_upstream_schema(soci::session& sql) {
  if (table_exists(sql, pool_.dialect(), kVersionTable)) return;
  // Brings any recognised upstream database to its head (refusing anything else); a database
  // with no alembic_version after that is an empty one.
  std::string started_at = upstream_->to_head(sql);
  if (!table_exists(sql, pool_.dialect(), "alembic_version")) return;
  spdlog::info("adopting a database of upstream freezer-api (alembic {})", kUpstreamHead);
  // MySQL commits DDL as it goes; SQLite does it all or nothing.
  WriteTransaction tx(sql, pool_.dialect());
  for (const auto& statement : upstream_->adoption().statements) sql << statement;
  create_version_table(sql, pool_.dialect());
  record_version(
      sql, 1,
      "adopted from upstream " + (started_at.empty() ? std::string(kUpstreamHead) : started_at));
  tx.commit();
}

std::string Migrator::sync_plan() {
  return translate_errors([&] {
    ConnectionPool::Lease sql(pool_);
    const int latest = latest_version();
    if (table_exists(*sql, pool_.dialect(), kVersionTable)) {
      const int current = current_version_in(*sql);
      if (current == latest) return "schema version " + std::to_string(current) + ": current";
      if (current > latest)
        throw Error(Error::Kind::kSchema,
                    "schema version " + std::to_string(current) + " is newer than this " +
                        "release's " + std::to_string(latest) + ": a downgrade is not possible");
      return "schema version " + std::to_string(current) + ": db sync applies " +
             std::to_string(latest - current) + " migration(s) to reach " + std::to_string(latest);
    }
    const std::string upstream = upstream_->recognise(*sql);
    if (upstream.empty()) return std::string("an empty database: db sync creates the schema");
    return "a database of " + upstream + ": db sync adopts it (one-way; back it up first)";
  });
}

int Migrator::latest_version() const {
  return migrations_.empty() ? 0 : migrations_.back().version;
}

std::vector<std::string> Migrator::table_names() {
  return translate_errors([&] {
    ConnectionPool::Lease sql(pool_);
    std::vector<std::string> names;
    std::string name;
    soci::statement st = (sql->prepare << pool_.dialect().list_tables, soci::into(name));
    if (st.execute(true)) {
      do names.push_back(name);
      while (st.fetch());
    }
    return names;
  });
}

int Migrator::current_version_in(soci::session& sql) {
  if (!table_exists(sql, pool_.dialect(), kVersionTable)) return 0;
  long long version = 0;
  soci::indicator ind = soci::i_ok;
  sql << fmt::format("SELECT MAX(version) FROM {}", kVersionTable), soci::into(version, ind);
  return ind == soci::i_null ? 0 : static_cast<int>(version);
}

int Migrator::current_version() {
  return translate_errors([&] {
    ConnectionPool::Lease sql(pool_);
    return current_version_in(*sql);
  });
}

std::vector<int> Migrator::sync() {
  return translate_errors([&] {
    ConnectionPool::Lease sql(pool_);
    std::vector<int> applied;
    adopt_upstream_schema(*sql);
    create_version_table(*sql, pool_.dialect());
    for (const auto& migration : migrations_) {
      // Checked inside the transaction: a concurrent `db sync` waits, then skips.
      WriteTransaction tx(*sql, pool_.dialect());
      if (current_version_in(*sql) >= migration.version) continue;
      for (const auto& statement : migration.statements) *sql << statement;
      record_version(*sql, migration.version, migration.name);
      tx.commit();
      spdlog::info("applied migration {}", migration.name);
      applied.push_back(migration.version);
    }
    return applied;
  });
}

}  // namespace freezer::db::sql

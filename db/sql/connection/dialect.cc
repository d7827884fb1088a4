#include "db/sql/connection/dialect.h"

namespace freezer::db::sql {

const DialectTraits& traits(Dialect dialect) {
  // SQLite: BEGIN IMMEDIATE takes the write lock up front, so a read-then-write transaction
  // waits on the busy timeout instead of failing with SQLITE_BUSY when it upgrades.
  static const DialectTraits kSqlite{
      Dialect::kSqlite,
      "sqlite",
      "",
      "BEGIN IMMEDIATE",
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "ORDER BY name",
      "jobs INDEXED BY ix_jobs_change_seq"};
  static const DialectTraits kMysql{
      Dialect::kMysql,
      "mysql",
      "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "START TRANSACTION",
      "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
      "ORDER BY table_name",
      "jobs FORCE INDEX (ix_jobs_change_seq)"};
  return dialect == Dialect::kSqlite ? kSqlite : kMysql;
}

}  // namespace freezer::db::sql

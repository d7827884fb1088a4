#pragma once
// Versioned SQL migrations (db/migrations/NNN_name.sql, compiled in), recorded in the table
// freezer_schema_migrations.
#include <memory>
#include <string>
#include <vector>

#include "db/sql/connection/connection_pool.h"
#include "db/sql/schema/migration.h"

namespace freezer::db::sql {

class UpstreamUpgrade;

class Migrator {
 public:
  // `upstream`: how a database of upstream freezer-api becomes version 1 of this schema.
  Migrator(ConnectionPool& pool, std::vector<Migration> migrations,
           std::unique_ptr<UpstreamUpgrade> upstream);
  ~Migrator();

  int current_version();
  int latest_version() const;
  std::vector<int> sync();
  // What sync would do, in words; reads only. Throws Error(kSchema) where sync would refuse.
  std::string sync_plan();
  std::vector<std::string> table_names();

 private:
  int current_version_in(soci::session& sql);
  // Recognises a database of upstream freezer-api and converts it (once).
  void adopt_upstream_schema(soci::session& sql);

  ConnectionPool& pool_;
  std::vector<Migration> migrations_;
  std::unique_ptr<UpstreamUpgrade> upstream_;
};

}  // namespace freezer::db::sql

#pragma once
// Versioned SQL migrations (db/migrations/NNN_name.sql, compiled in), recorded in the table
// freezer_schema_migrations.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/embedded_file.h"
#include "db/sql/session_pool.h"

namespace freezer::db::sql {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;  // dialect placeholders already substituted
};

// One migration file for `dialect`: statements split, dialect-only ones kept or dropped.
Migration parse_migration(int version, const common::EmbeddedFile& file,
                          const DialectTraits& dialect);

// Parses the embedded files; throws std::logic_error on a badly named file.
std::vector<Migration> load_migrations(std::span<const common::EmbeddedFile> files,
                                       const DialectTraits& dialect);

bool table_exists(soci::session& sql, const DialectTraits& dialect, const std::string& table);

class UpstreamUpgrade;

class Migrator {
 public:
  // `upstream`: how a database of upstream freezer-api becomes version 1 of this schema.
  Migrator(SessionPool& pool, std::vector<Migration> migrations,
           std::unique_ptr<UpstreamUpgrade> upstream);
  ~Migrator();

  int current_version();
  int latest_version() const;
  std::vector<int> sync();
  std::vector<std::string> table_names();

 private:
  int current_version_in(soci::session& sql);
  // Recognises a database of upstream freezer-api and converts it (once).
  void adopt_upstream_schema(soci::session& sql);

  SessionPool& pool_;
  std::vector<Migration> migrations_;
  std::unique_ptr<UpstreamUpgrade> upstream_;
};

}  // namespace freezer::db::sql

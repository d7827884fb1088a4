#pragma once
// A schema migration as a SQL file (db/migrations/NNN_name.sql and db/migrations/upstream/,
// compiled in): its statements for one dialect. Shared by this project's migrations
// (migrator.h) and the upgrade of upstream's databases (upstream_upgrade.h).
#include <soci/session.h>

#include <span>
#include <string>
#include <vector>

#include "common/embedded_file.h"
#include "db/sql/connection/dialect.h"

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

}  // namespace freezer::db::sql

#pragma once
// Versioned SQL migrations (db/migrations/NNN_name.sql, compiled in), recorded in the table
// freezer_schema_migrations.
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

// Parses the embedded files; throws std::logic_error on a badly named file.
std::vector<Migration> load_migrations(std::span<const common::EmbeddedFile> files,
                                       const DialectTraits& dialect);

class Migrator {
 public:
  Migrator(SessionPool& pool, std::vector<Migration> migrations);

  int current_version();
  int latest_version() const;
  std::vector<int> sync();
  std::vector<std::string> table_names();

 private:
  int current_version_in(soci::session& sql);

  SessionPool& pool_;
  std::vector<Migration> migrations_;
};

}  // namespace freezer::db::sql

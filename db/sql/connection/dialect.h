#pragma once
// Everything that differs between the SQL databases lives here; the stores write one SQL.
#include <string>

namespace freezer::db::sql {

enum class Dialect { kSqlite, kMysql };

struct DialectTraits {
  Dialect dialect;
  const char* name;
  const char* table_options;  // appended to CREATE TABLE in migrations
  const char* begin_write;    // starts a transaction that will write
  const char* list_tables;    // one column: table name
  // `jobs` read through its change sequence index: without the hint SQLite walks the whole
  // table in id order (to skip a sort) for the few recent changes a poll asks for.
  const char* jobs_by_change_seq;
};

const DialectTraits& traits(Dialect dialect);

}  // namespace freezer::db::sql

#pragma once
// Writing a record's row through its table (db/sql/rows/column_table.h), inside a write of a
// store.
#include <soci/soci.h>

#include <string>

#include "db/sql/rows/column_table.h"

namespace freezer::db::sql {

template <typename Record>
void insert_row(soci::session& sql, const Record& record, const std::string& now) {
  static const std::string statement = table_of<Record>().insert_statement();
  sql << statement, soci::use(record), soci::use(now, "now");
}

// Rewrites the live row `record` names; false when there is none. MySQL counts the rows an
// UPDATE changed, not those it matched, so an unchanged rewrite is told apart by a read.
template <typename Record>
bool update_row(soci::session& sql, const Record& record, const std::string& now) {
  static const std::string statement = table_of<Record>().update_statement();
  static const std::string exists = "SELECT COUNT(*) FROM " + table_of<Record>().name() +
                                    " WHERE " + table_of<Record>().live_row_condition();
  soci::statement update = (sql.prepare << statement, soci::use(record), soci::use(now, "now"));
  update.execute(true);
  if (update.get_affected_rows() > 0) return true;
  long long count = 0;
  sql << exists, soci::use(record), soci::into(count);
  return count > 0;
}

}  // namespace freezer::db::sql

#pragma once
// SELECTs prepared once per connection and run again with new values. Parsing and planning
// a query cost more than running it: sqlite3_prepare was half of a GET of a job, and MySQL
// parses and plans a text statement on every call. Each pooled connection has its own cache,
// used by one thread at a time (whoever leases the connection), and emptied before the
// connection is closed. Rows are mapped to records straight from the database's own row
// (db/sql/connection/prepared_select.h).
#include <soci/session.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/sql/connection/prepared_select.h"
#include "db/sql/rows/column_table.h"

namespace freezer::db::sql {

// A row into a record: a table's record through its column table, a joined row through its
// own read().
template <typename Record>
void read_record(const ColumnReader& row, Record& record) {
  if constexpr (requires { record.read(row); })
    record.read(row);
  else
    table_of<Record>().read(row, record);
}

class StatementCache {
 public:
  // The rows of `query` (a SELECT whose columns map to Record) for these parameters.
  template <typename Record>
  std::vector<Record> select(soci::session& sql, const std::string& query, const Params& params) {
    std::vector<Record> out;
    run(sql, query, params,
        [&out](const RowView& row) { read_record(ColumnReader(row), out.emplace_back()); });
    return out;
  }

  void clear() { entries_.clear(); }

 private:
  // Queries with IN lists vary with their length: past the cap they are run uncached.
  static constexpr std::size_t kMaxEntries = 128;

  void run(soci::session& sql, const std::string& query, const Params& params,
           const RowSink& on_row);

  std::unordered_map<std::string, std::unique_ptr<PreparedSelect>> entries_;
};

}  // namespace freezer::db::sql

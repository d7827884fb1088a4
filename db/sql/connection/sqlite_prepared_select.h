#pragma once
// A SELECT prepared once as an sqlite3_stmt of one connection (see prepared_select.h).
#include <string>
#include <vector>

#include "db/sql/connection/prepared_select.h"

namespace sqlite_api {  // where soci-sqlite3.h puts SQLite's C API
struct sqlite3;
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace freezer::db::sql {

class SqlitePreparedSelect final : public PreparedSelect, private RowView {
 public:
  SqlitePreparedSelect(sqlite_api::sqlite3* connection, const std::string& query);
  ~SqlitePreparedSelect() override;
  SqlitePreparedSelect(const SqlitePreparedSelect&) = delete;
  SqlitePreparedSelect& operator=(const SqlitePreparedSelect&) = delete;

  void run(const Params& params, const RowSink& on_row) override;

 private:
  void bind(const Params& params);
  [[noreturn]] void fail(int code) const;

  int position(std::string_view name) const override { return columns_.at(name); }
  bool is_null(int position) const override;
  std::string text(int position) const override;
  std::optional<long long> integer(int position) const override;

  sqlite_api::sqlite3* connection_;
  sqlite_api::sqlite3_stmt* statement_ = nullptr;
  ColumnPositions columns_;
};

}  // namespace freezer::db::sql

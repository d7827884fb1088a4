#pragma once
// A SELECT prepared by the database itself on one connection, then run again with new values:
// SQLite's sqlite3_stmt, and MySQL's server-side statement (the binary protocol). SOCI 4.0's
// MySQL backend sends every statement as text, which the server parses and plans again each
// time: on MariaDB that was most of the CPU of a GET of a job. Rows are read in place, by
// column position (RowView), without SOCI's dynamic rows.
#include <soci/session.h>

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "db/sql/rows/row_view.h"

namespace freezer::db::sql {

// A named query parameter (the name without its colon): text or an integer.
struct Param {
  std::string name;
  std::variant<std::string, long long> value;
};
using Params = std::vector<Param>;

// Called once per row; the row is valid only during the call.
using RowSink = std::function<void(const RowView&)>;

class PreparedSelect {
 public:
  virtual ~PreparedSelect() = default;
  // Runs the statement with these values for its `:name` parameters. Database errors are
  // thrown as SOCI's exceptions of that backend (mapped in sql_errors.cc).
  virtual void run(const Params& params, const RowSink& on_row) = 0;
};

// Prepares `query` (a SELECT with `:name` parameters) on the session's own connection. The
// statement must be destroyed before that connection closes.
std::unique_ptr<PreparedSelect> prepare_select(soci::session& sql, const std::string& query);

// `query` with each `:name` parameter (outside quotes) replaced by `?`, and the names in
// order of appearance (a name used twice appears twice): MySQL's placeholders are positional.
struct PositionalQuery {
  std::string text;
  std::vector<std::string> names;
};
PositionalQuery to_positional(const std::string& query);

// Where the parameter `name` is in `params`; throws std::invalid_argument when it is not.
std::size_t param_index(const Params& params, const std::string& name);

}  // namespace freezer::db::sql

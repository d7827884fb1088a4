#include "db/sql/connection/sqlite_prepared_select.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

namespace freezer::db::sql {

using namespace sqlite_api;

SqlitePreparedSelect::SqlitePreparedSelect(sqlite3* connection, const std::string& query)
    : connection_(connection) {
  const int code = sqlite3_prepare_v3(connection_, query.c_str(), static_cast<int>(query.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
  if (code != SQLITE_OK) fail(code);
  const int count = sqlite3_column_count(statement_);
  for (int i = 0; i < count; ++i) columns_.add(sqlite3_column_name(statement_, i), i);
}

SqlitePreparedSelect::~SqlitePreparedSelect() { sqlite3_finalize(statement_); }

void SqlitePreparedSelect::fail(int code) const {
  throw soci::sqlite3_soci_error(sqlite3_errmsg(connection_), code);
}

void SqlitePreparedSelect::bind(const Params& params) {
  sqlite3_clear_bindings(statement_);
  std::string name;
  for (const auto& param : params) {
    name = ":" + param.name;
    const int index = sqlite3_bind_parameter_index(statement_, name.c_str());
    if (index == 0) throw std::invalid_argument("the query has no parameter " + name);
    // The values outlive the run: SQLite need not copy them.
    const int code =
        std::holds_alternative<std::string>(param.value)
            ? sqlite3_bind_text(statement_, index, std::get<std::string>(param.value).data(),
                                static_cast<int>(std::get<std::string>(param.value).size()),
                                SQLITE_STATIC)
            : sqlite3_bind_int64(statement_, index, std::get<long long>(param.value));
    if (code != SQLITE_OK) fail(code);
  }
}

void SqlitePreparedSelect::run(const Params& params, const RowSink& on_row) {
  // Reset on every way out: a statement left mid-result holds its read transaction open.
  struct Reset {
    sqlite3_stmt* statement;
    ~Reset() { sqlite3_reset(statement); }
  } reset{statement_};
  bind(params);
  for (;;) {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_DONE) return;
    if (code != SQLITE_ROW) fail(code);
    columns_.start_row();
    on_row(*this);
  }
}

bool SqlitePreparedSelect::is_null(int position) const {
  return sqlite3_column_type(statement_, position) == SQLITE_NULL;
}

std::string SqlitePreparedSelect::text(int position) const {
  const auto* data = sqlite3_column_text(statement_, position);
  if (data == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(data),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, position)));
}

std::optional<long long> SqlitePreparedSelect::integer(int position) const {
  switch (sqlite3_column_type(statement_, position)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return sqlite3_column_int64(statement_, position);
    case SQLITE_FLOAT:
      return static_cast<long long>(sqlite3_column_double(statement_, position));
    default:
      return parse_integer_text(text(position));
  }
}

}  // namespace freezer::db::sql

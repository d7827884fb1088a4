#include "db/sql/connection/prepared_select.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

#include "db/sql/connection/mysql_prepared_select.h"
#include "db/sql/connection/sqlite_prepared_select.h"

namespace freezer::db::sql {

std::unique_ptr<PreparedSelect> prepare_select(soci::session& sql, const std::string& query) {
  // By name: the backends' type information is not exported for a dynamic_cast.
  const std::string backend = sql.get_backend_name();
  if (backend == "sqlite3")
    return std::make_unique<SqlitePreparedSelect>(
        static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_, query);
  if (backend == "mysql")
    return std::make_unique<MysqlPreparedSelect>(
        static_cast<soci::mysql_session_backend*>(sql.get_backend())->conn_, query);
  throw std::logic_error("no prepared statements for the database backend " + backend);
}

namespace {
bool starts_name(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool continues_name(char c) { return starts_name(c) || (c >= '0' && c <= '9'); }
}  // namespace

PositionalQuery to_positional(const std::string& query) {
  PositionalQuery out;
  out.text.reserve(query.size());
  char quote = 0;
  for (std::size_t i = 0; i < query.size(); ++i) {
    const char c = query[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.text += c;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      out.text += c;
    } else if (c == ':' && i + 1 < query.size() && query[i + 1] == ':') {
      out.text += "::";  // a cast, not a parameter
      ++i;
    } else if (c == ':' && i + 1 < query.size() && starts_name(query[i + 1])) {
      std::size_t end = i + 1;
      while (end < query.size() && continues_name(query[end])) ++end;
      out.names.push_back(query.substr(i + 1, end - i - 1));
      out.text += '?';
      i = end - 1;
    } else {
      out.text += c;
    }
  }
  return out;
}

std::size_t param_index(const Params& params, const std::string& name) {
  for (std::size_t i = 0; i < params.size(); ++i)
    if (params[i].name == name) return i;
  throw std::invalid_argument("no value for the query parameter :" + name);
}

}  // namespace freezer::db::sql

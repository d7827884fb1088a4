#pragma once
// SELECT helpers shared by the stores, and the soft delete every table uses.
#include <soci/soci.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "db/id_owner.h"
#include "db/page.h"
#include "db/sql/connection/statement_cache.h"
#include "db/sql/rows/column_table.h"

namespace freezer::db::sql {

// What makes a SELECT up to its WHERE conditions one page in id order; its parameters are
// added by add_page_params.
inline constexpr const char* kPageClause =
    " AND id > :marker ORDER BY id LIMIT :limit OFFSET :offset";

inline void add_page_params(Params& params, const Page& page) {
  params.push_back({"marker", page.marker.value_or("")});
  params.push_back({"limit", page.limit ? static_cast<long long>(*page.limit)
                                        : std::numeric_limits<long long>::max()});
  params.push_back({"offset", static_cast<long long>(page.offset)});
}

// One page in id order: `select_where` is a SELECT up to and including its WHERE conditions
// (with `params`); the marker, order and limits are appended and bound here, the same way for
// every table. Run as a prepared statement of the session.
template <typename Record>
std::vector<Record> select_page(soci::session& sql, StatementCache& statements,
                                const std::string& select_where, const Page& page, Params params) {
  add_page_params(params, page);
  return statements.select<Record>(sql, select_where + kPageClause, params);
}

// The live row `id` of `project_id`, if any.
template <typename Record>
std::optional<Record> select_live_row(soci::session& sql, StatementCache& statements,
                                      const std::string& project_id, const std::string& id) {
  static const std::string query = table_of<Record>().select_from() +
                                   "WHERE id = :id AND project_id = :project_id AND deleted = 0";
  auto rows = statements.select<Record>(sql, query, {{"id", id}, {"project_id", project_id}});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

// Who holds `id` in `table`, live or deleted (ids stay taken after a soft delete).
inline IdOwner id_owner_in(soci::session& sql, const std::string& table, const std::string& id) {
  std::string project_id;
  soci::indicator project_ind = soci::i_ok;
  int deleted = 0;
  sql << "SELECT project_id, deleted FROM " + table + " WHERE id = :id", soci::use(id, "id"),
      soci::into(project_id, project_ind), soci::into(deleted);
  if (!sql.got_data()) return {};
  IdOwner owner;
  owner.state = deleted ? IdOwner::State::kDeleted : IdOwner::State::kLive;
  if (project_ind == soci::i_ok) owner.project_id = project_id;
  return owner;
}

// `prefix`0, `prefix`1, ... bound to `values`, for an IN list made by placeholders().
inline Params numbered_params(const std::string& prefix, const std::vector<std::string>& values) {
  Params params;
  params.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    params.push_back({prefix + std::to_string(i), values[i]});
  return params;
}

// Soft-deletes the live row `id` of `project_id` in `table`; false when there was none.
inline bool soft_delete_row(soci::session& sql, const std::string& table,
                            const std::string& project_id, const std::string& id,
                            const std::string& now) {
  soci::statement st =
      (sql.prepare << "UPDATE " + table +
                          " SET deleted = 1, deleted_at = :now "
                          "WHERE id = :id AND project_id = :project_id AND deleted = 0",
       soci::use(now, "now"), soci::use(id, "id"), soci::use(project_id, "project_id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

// ":p0, :p1, ..." for an IN list of `count` parameters named with `prefix`.
inline std::string placeholders(const std::string& prefix, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += ":" + prefix + std::to_string(i);
  }
  return out;
}

}  // namespace freezer::db::sql

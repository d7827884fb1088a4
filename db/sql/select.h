#pragma once
// Runs a SELECT whose rows map to `Record` (a SOCI type_conversion type) and returns them.
// `bind(soci::statement&)` exchanges the named parameters; they must outlive the call.
#include <soci/soci.h>

#include <limits>
#include <string>
#include <vector>

#include "db/page.h"

namespace freezer::db::sql {

template <typename Record, typename Bind>
std::vector<Record> select_all(soci::session& sql, const std::string& query, Bind&& bind) {
  Record record;
  soci::statement st(sql);
  st.exchange(soci::into(record));
  bind(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  std::vector<Record> out;
  if (st.execute(true)) {
    do out.push_back(record);
    while (st.fetch());
  }
  return out;
}

// One page in id order: `select_where` is a SELECT up to and including its WHERE conditions;
// the marker, order and limits are appended and bound here, the same way for every table.
template <typename Record, typename Bind>
std::vector<Record> select_page(soci::session& sql, const std::string& select_where,
                                const Page& page, Bind&& bind) {
  const std::string marker = page.marker.value_or("");
  const long long limit = page.limit.value_or(std::numeric_limits<long long>::max());
  const long long offset = page.offset;
  return select_all<Record>(
      sql, select_where + " AND id > :marker ORDER BY id LIMIT :limit OFFSET :offset",
      [&](soci::statement& st) {
        bind(st);
        st.exchange(soci::use(marker, "marker"));
        st.exchange(soci::use(limit, "limit"));
        st.exchange(soci::use(offset, "offset"));
      });
}

// Soft-deletes the live row `id` of `project_id` in `table`; false when there was none.
inline bool soft_delete_row(soci::session& sql, const std::string& table,
                            const std::string& project_id, const std::string& id,
                            const std::string& now) {
  soci::statement st = (sql.prepare << "UPDATE " + table + " SET deleted = 1, deleted_at = :now "
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

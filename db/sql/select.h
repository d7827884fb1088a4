#pragma once
// Runs a SELECT whose rows map to `Record` (a SOCI type_conversion type) and returns them.
// `bind(soci::statement&)` exchanges the named parameters; they must outlive the call.
#include <soci/soci.h>

#include <string>
#include <vector>

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

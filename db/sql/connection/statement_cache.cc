#include "db/sql/connection/statement_cache.h"

namespace freezer::db::sql {

void StatementCache::run(soci::session& sql, const std::string& query, const Params& params,
                         const RowSink& on_row) {
  auto found = entries_.find(query);
  if (found == entries_.end()) {
    auto statement = prepare_select(sql, query);
    if (entries_.size() >= kMaxEntries) return statement->run(params, on_row);
    found = entries_.emplace(query, std::move(statement)).first;
  }
  try {
    found->second->run(params, on_row);
  } catch (...) {
    entries_.erase(found);  // its state after a failure is unknown: prepare it again
    throw;
  }
}

}  // namespace freezer::db::sql

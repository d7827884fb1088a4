#pragma once
#include "db/session_store.h"
#include "db/sql/rows/tables.h"
#include "db/sql/stores/sql_record_store.h"

namespace freezer::db::sql {

class SqlSessionStore final : public SqlRecordStore<SessionStore> {
 public:
  using SqlRecordStore::SqlRecordStore;

  std::vector<SessionRecord> list(const std::string& project_id, const Page& page) override {
    return list_where("project_id = :project_id", {{"project_id", project_id}}, page);
  }
};

}  // namespace freezer::db::sql

#pragma once
#include "db/session_store.h"
#include "db/sql/sql_record_store.h"
#include "db/sql/tables.h"

namespace freezer::db::sql {

class SqlSessionStore final : public SqlRecordStore<SessionStore> {
 public:
  using SqlRecordStore::SqlRecordStore;

  std::vector<SessionRecord> list(const std::string& project_id, const Page& page) override {
    return list_where("project_id = :project_id", {{"project_id", project_id}}, page);
  }
};

}  // namespace freezer::db::sql

#pragma once
#include "db/action_store.h"
#include "db/sql/rows/tables.h"
#include "db/sql/stores/sql_record_store.h"

namespace freezer::db::sql {

class SqlActionStore final : public SqlRecordStore<ActionStore> {
 public:
  using SqlRecordStore::SqlRecordStore;

  std::vector<ActionRecord> find_many(const std::vector<std::string>& ids) override;
  std::vector<ActionRecord> list(const std::string& project_id, const Page& page) override;

 private:
  void after_insert(soci::session& sql, const ActionRecord& record,
                    const std::string& now) override;
  void after_update(soci::session& sql, const ActionRecord& record,
                    const std::string& now) override;
  void after_soft_delete(soci::session& sql, const std::string& id,
                         const std::string& now) override;
};

}  // namespace freezer::db::sql

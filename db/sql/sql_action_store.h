#pragma once
#include "db/action_store.h"
#include "db/sql/session_source.h"

namespace freezer::db::sql {

class SqlActionStore final : public ActionStore {
 public:
  explicit SqlActionStore(SessionSource source) : source_(source) {}

  std::optional<ActionRecord> find(const std::string& project_id, const std::string& id) override;
  std::vector<ActionRecord> find_many(const std::vector<std::string>& ids) override;
  std::vector<ActionRecord> list(const std::string& project_id, const Page& page) override;
  IdOwner id_owner(const std::string& id) override;
  void insert(const ActionRecord& record) override;
  bool update(const ActionRecord& record) override;
  void soft_delete(const std::string& project_id, const std::string& id) override;

 private:
  SessionSource source_;
};

// Who holds `id` in `table` (shared by the stores of tables with soft delete).
IdOwner id_owner_in(soci::session& sql, const std::string& table, const std::string& id);

}  // namespace freezer::db::sql

#pragma once
#include "db/session_store.h"
#include "db/sql/session_source.h"

namespace freezer::db::sql {

class SqlSessionStore final : public SessionStore {
 public:
  explicit SqlSessionStore(SessionSource source) : source_(source) {}

  std::optional<SessionRecord> find(const std::string& project_id, const std::string& id) override;
  std::vector<SessionRecord> list(const std::string& project_id, const Page& page) override;
  IdOwner id_owner(const std::string& id) override;
  void insert(const SessionRecord& record) override;
  void update(const SessionRecord& record) override;
  void soft_delete(const std::string& project_id, const std::string& id) override;

 private:
  SessionSource source_;
};

}  // namespace freezer::db::sql

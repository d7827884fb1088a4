#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/id_owner.h"
#include "db/page.h"
#include "db/session_record.h"

namespace freezer::db {

class SessionStore {
 public:
  virtual ~SessionStore() = default;

  virtual std::optional<SessionRecord> find(const std::string& project_id,
                                            const std::string& id) = 0;
  virtual std::vector<SessionRecord> list(const std::string& project_id, const Page& page) = 0;
  virtual IdOwner id_owner(const std::string& id) = 0;
  virtual void insert(const SessionRecord& record) = 0;
  // Rewrites every column of the live session `record.id` of `record.project_id`.
  virtual void update(const SessionRecord& record) = 0;
  virtual void soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db

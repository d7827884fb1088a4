#pragma once
// What every store of project-owned records offers (actions, jobs, sessions, backups).
// Records are soft-deleted: their ids stay taken.
#include <optional>
#include <string>

#include "db/id_owner.h"

namespace freezer::db {

template <typename R>
class RecordStore {
 public:
  using Record = R;
  virtual ~RecordStore() = default;

  virtual std::optional<Record> find(const std::string& project_id, const std::string& id) = 0;
  // Who holds `id`, in any project, live or deleted.
  virtual IdOwner id_owner(const std::string& id) = 0;
  virtual void insert(const Record& record) = 0;
  // Rewrites the live record `record.id` of `record.project_id`; false when there is none.
  virtual bool update(const Record& record) = 0;
  // false when the project has no such live record.
  virtual bool soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db

#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/action_record.h"
#include "db/id_owner.h"
#include "db/page.h"

namespace freezer::db {

class ActionStore {
 public:
  virtual ~ActionStore() = default;

  virtual std::optional<ActionRecord> find(const std::string& project_id,
                                           const std::string& id) = 0;
  // Live actions among `ids`, any project, in no particular order.
  virtual std::vector<ActionRecord> find_many(const std::vector<std::string>& ids) = 0;
  virtual std::vector<ActionRecord> list(const std::string& project_id, const Page& page) = 0;
  virtual IdOwner id_owner(const std::string& id) = 0;
  // Inserts the action and its action_reports row.
  virtual void insert(const ActionRecord& record) = 0;
  // Rewrites the live action `record.id` of `record.project_id`; false when there is none.
  virtual bool update(const ActionRecord& record) = 0;
  // Soft-deletes the action of the project, its report and the job links pointing at it.
  virtual void soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db

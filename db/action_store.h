#pragma once
#include <string>
#include <vector>

#include "db/action_record.h"
#include "db/page.h"
#include "db/record_store.h"

namespace freezer::db {

// Inserting an action also writes its action_reports row; soft-deleting one also deletes its
// report and the job links pointing at it.
class ActionStore : public RecordStore<ActionRecord> {
 public:
  // Live actions among `ids`, any project, in no particular order.
  virtual std::vector<ActionRecord> find_many(const std::vector<std::string>& ids) = 0;
  virtual std::vector<ActionRecord> list(const std::string& project_id, const Page& page) = 0;
};

}  // namespace freezer::db

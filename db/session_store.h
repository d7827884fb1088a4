#pragma once
#include <string>
#include <vector>

#include "db/page.h"
#include "db/record_store.h"
#include "db/session_record.h"

namespace freezer::db {

class SessionStore : public RecordStore<SessionRecord> {
 public:
  virtual std::vector<SessionRecord> list(const std::string& project_id, const Page& page) = 0;
};

}  // namespace freezer::db

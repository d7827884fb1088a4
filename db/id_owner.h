#pragma once
#include <string>

namespace freezer::db {

// Who holds a primary key: ids stay taken after a soft delete.
struct IdOwner {
  enum class State { kFree, kLive, kDeleted } state = State::kFree;
  std::string project_id;  // for kLive and kDeleted
};

}  // namespace freezer::db

#pragma once
#include <optional>
#include <string>

namespace freezer::db {

// One page of a list, in the stable order of the resource's id.
struct Page {
  std::optional<long> limit;  // nullopt: every row
  long offset = 0;
  std::optional<std::string> marker;  // only ids greater than this one
};

}  // namespace freezer::db

#pragma once
// The storage driver: the one interface the API talks to. One store per resource.
#include <memory>
#include <string>
#include <vector>

#include "db/client_store.h"

namespace freezer::db {

struct SchemaStatus {
  int current_version = 0;  // 0: no schema yet
  int latest_version = 0;   // the newest migration this build knows
};

class Driver {
 public:
  virtual ~Driver() = default;

  virtual std::string name() const = 0;  // e.g. "sqlite", "mysql"
  virtual ClientStore& clients() = 0;

  // Throws db::Error when the database cannot be reached.
  virtual SchemaStatus schema_status() = 0;
  // Applies every pending migration; returns the versions applied (empty: already current).
  virtual std::vector<int> sync_schema() = 0;
  virtual std::vector<std::string> table_names() = 0;
};

}  // namespace freezer::db

#pragma once
// The storage driver: the one interface the API talks to. Each call on its stores is its own
// transaction; begin() opens one spanning several stores.
#include <memory>
#include <string>
#include <vector>

#include "db/stores.h"
#include "db/transaction.h"

namespace freezer::db {

struct SchemaStatus {
  int current_version = 0;  // 0: no schema yet
  int latest_version = 0;   // the newest migration this build knows
};

class Driver : public Stores {
 public:
  virtual ~Driver() = default;

  virtual std::string name() const = 0;  // e.g. "sqlite", "mysql"
  // Each statement is a round trip to a database server (MySQL), not a call within this
  // process (SQLite): there a transaction's BEGIN and COMMIT cost as much as a statement.
  virtual bool statements_are_round_trips() const = 0;
  // A write transaction spanning several stores.
  virtual std::unique_ptr<Transaction> begin() = 0;

  // Throws db::Error when the database cannot be reached.
  virtual SchemaStatus schema_status() = 0;
  // Applies every pending migration; returns the versions applied (empty: already current).
  virtual std::vector<int> sync_schema() = 0;
  // What sync_schema would do, in words, without doing it; throws Error(kSchema) where it
  // would refuse.
  virtual std::string sync_plan() = 0;
  virtual std::vector<std::string> table_names() = 0;
};

}  // namespace freezer::db

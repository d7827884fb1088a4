#pragma once
// The one exception type the storage layer raises; the API maps it to HTTP in one place.
#include <stdexcept>
#include <string>

namespace freezer::db {

class Error : public std::runtime_error {
 public:
  enum class Kind {
    kDuplicateKey,  // a primary key already exists (also soft-deleted rows)
    kUnavailable,   // cannot reach the database, or it stayed busy/locked too long
    kConflict,      // deadlock or lock wait timeout: the unit of work may be retried
    kSchema,        // the schema is missing or at the wrong version
    kInternal,      // anything else
  };
  Error(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace freezer::db

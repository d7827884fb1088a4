#pragma once
// A unit of work: every store operation made through it commits together, or not at all.
#include "db/stores.h"

namespace freezer::db {

class Transaction : public Stores {
 public:
  virtual ~Transaction() = default;  // rolls back unless committed
  virtual void commit() = 0;
};

}  // namespace freezer::db

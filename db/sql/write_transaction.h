#pragma once
// A transaction that is rolled back unless commit() is reached.
#include <soci/session.h>

#include "db/sql/dialect.h"

namespace freezer::db::sql {

class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, const DialectTraits& dialect) : session_(session) {
    session_ << dialect.begin_write;
  }
  ~WriteTransaction() {
    if (!done_) {
      try {
        session_.rollback();
      } catch (...) {  // the connection may already be gone; nothing left to undo
      }
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit() {
    session_.commit();
    done_ = true;
  }

 private:
  soci::session& session_;
  bool done_ = false;
};

}  // namespace freezer::db::sql

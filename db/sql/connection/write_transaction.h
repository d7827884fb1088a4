#pragma once
// A transaction that is rolled back unless commit() is reached. `turn`, when it holds a
// lock, is this process's writer turn (SQLite): kept until the transaction ends.
#include <soci/session.h>

#include <mutex>

#include "db/sql/connection/dialect.h"

namespace freezer::db::sql {

class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, const DialectTraits& dialect,
                   std::unique_lock<std::timed_mutex> turn = {})
      : session_(session), turn_(std::move(turn)) {
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
    if (turn_.owns_lock()) turn_.unlock();
  }

 private:
  soci::session& session_;
  std::unique_lock<std::timed_mutex> turn_;  // released after the commit or the rollback
  bool done_ = false;
};

}  // namespace freezer::db::sql

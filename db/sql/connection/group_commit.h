#pragma once
// Group commit for SQLite: single writes that arrive together share one transaction. SQLite
// has one writer at a time and most of a small write's time is its BEGIN and COMMIT (the WAL
// append), so concurrent POSTs queued behind each other. The first writer to find no batch
// running becomes the leader: it takes every queued write, runs each in its own SAVEPOINT
// (a failing write is rolled back alone and gets its own error), commits once and wakes the
// others. Writes are never acknowledged before their commit.
#include <soci/session.h>

#include <exception>
#include <functional>
#include <vector>

#include "db/sql/connection/leader_batches.h"

namespace freezer::db::sql {

class ConnectionPool;

class GroupCommit {
 public:
  using Write = std::function<void(soci::session&)>;

  explicit GroupCommit(ConnectionPool& pool) : pool_(pool) {}

  // Runs `write` in a committed transaction (shared with concurrent writes); rethrows what it
  // threw, or what the commit threw.
  void run(const Write& write);

 private:
  struct Pending {
    const Write* write;
    std::exception_ptr error;
  };

  void run_batch(const std::vector<Pending*>& batch);

  ConnectionPool& pool_;
  LeaderBatches<Pending> batches_{64};
};

}  // namespace freezer::db::sql

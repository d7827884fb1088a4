#pragma once
// A fixed pool of SOCI sessions, one per worker thread, opened at start-up.
#include <soci/connection-pool.h>
#include <soci/session.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "db/sql/connection/dialect.h"
#include "db/sql/connection/group_commit.h"
#include "db/sql/connection/statement_cache.h"

namespace freezer::db::sql {

struct PoolOptions {
  std::string backend;         // SOCI backend name: "sqlite3"
  std::string connect_string;  // SOCI connect string
  Dialect dialect = Dialect::kSqlite;
  std::size_t size = 4;
  std::chrono::milliseconds busy_timeout{5000};
  std::chrono::milliseconds acquire_timeout{10000};
  // oslo.db's names: connection attempts at start-up (-1: start without the database and
  // connect when a request needs it), the pause between them, and the age after which a
  // connection is replaced.
  int max_retries = 10;
  std::chrono::milliseconds retry_interval{1000};
  std::chrono::seconds connection_recycle_time{3600};
};

class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  const DialectTraits& dialect() const { return traits(options_.dialect); }

  // This process's turn to write, taken before a write transaction begins. SQLite has one
  // writer at a time; waiting here wakes the next writer as soon as a commit ends, where
  // SQLite's own busy handler polls with sleeps of up to 100 ms (POST p99 was 140 ms).
  // MySQL locks rows itself: no lock is taken. Throws kUnavailable after busy_timeout.
  std::unique_lock<std::timed_mutex> writer_turn();

  // Single writes outside a transaction go through this on SQLite (see group_commit.h).
  GroupCommit* group_commit() {
    return options_.dialect == Dialect::kSqlite ? &group_commit_ : nullptr;
  }

  // The prepared statements of one of this pool's sessions (leased by the caller).
  StatementCache& statements(soci::session& session);

  // A session borrowed from the pool for one unit of work.
  class Lease {
   public:
    explicit Lease(ConnectionPool& pool);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return session_; }
    soci::session* operator->() { return &session_; }

   private:
    ConnectionPool& pool_;
    std::size_t position_;
    soci::session& session_;
    int exceptions_at_start_;
  };

 private:
  void open(soci::session& session);
  std::size_t acquire();
  // A connection that the server dropped, or that is older than the recycle time, is
  // replaced before it is lent out.
  void refresh(std::size_t position);

  // A connection idle this long is checked before it is lent again.
  static constexpr std::chrono::seconds kIdleBeforeCheck{1};

  // Written only by the thread leasing the session.
  struct SessionState {
    std::chrono::steady_clock::time_point opened_at;
    std::chrono::steady_clock::time_point returned_at;
    bool failed = false;
  };

  PoolOptions options_;
  soci::connection_pool pool_;
  std::vector<SessionState> state_;
  std::timed_mutex writer_;
  GroupCommit group_commit_{*this};
  std::vector<StatementCache> statements_;  // one per session, by position
};

}  // namespace freezer::db::sql

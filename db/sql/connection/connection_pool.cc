#include "db/sql/connection/connection_pool.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <mutex>
#include <thread>

#include "db/errors.h"
#include "db/sql/connection/sql_errors.h"

namespace freezer::db::sql {
namespace {

// Process-wide SQLite settings, before its first connection. Memory statistics take one
// global mutex on every allocation, which serialized all the pool's connections (the profile
// of concurrent reads was a third futex waits in sqlite3Malloc). Each connection is used by
// one thread at a time (the pool leases it), so SQLite's per-connection mutexes go too.
void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    using namespace sqlite_api;  // where soci-sqlite3.h puts SQLite's C API
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK)
      spdlog::debug("SQLite was initialized before its settings could be applied");
  });
}

}  // namespace

ConnectionPool::ConnectionPool(PoolOptions options)
    : options_(std::move(options)),
      pool_(options_.size),
      state_(options_.size),
      statements_(options_.size) {
  if (options_.dialect == Dialect::kSqlite) configure_sqlite_library();
  // The database may still be starting (a service and its database booting together).
  for (int attempt = 0;; ++attempt) {
    try {
      translate_errors([&] {
        for (std::size_t i = 0; i < options_.size; ++i) {
          if (!pool_.at(i).is_connected()) open(pool_.at(i));
          state_[i].opened_at = std::chrono::steady_clock::now();
        }
      });
      return;
    } catch (const Error& e) {
      if (e.kind() != Error::Kind::kUnavailable) throw;
      if (options_.max_retries < 0) {
        // oslo.db's "retry for ever" (kolla-ansible's and openstack-helm's value): the service
        // starts without its database, and each lease tries to connect (503 until it can).
        spdlog::warn(
            "database not reachable ({}): starting without it; requests that need it "
            "are answered 503 until it is back",
            e.what());
        for (auto& state : state_) state.failed = true;
        return;
      }
      if (attempt >= options_.max_retries) throw;
      spdlog::warn("database not reachable ({}), retrying in {} ms", e.what(),
                   options_.retry_interval.count());
      std::this_thread::sleep_for(options_.retry_interval);
    }
  }
}

void ConnectionPool::refresh(std::size_t position) {
  auto& session = pool_.at(position);
  auto& state = state_[position];
  const auto now = std::chrono::steady_clock::now();
  const bool old = now - state.opened_at > options_.connection_recycle_time;
  // Asking the server (a MySQL ping is a round trip) only for a connection that failed or
  // sat idle; one in steady use has just proven itself.
  const bool doubtful = state.failed || now - state.returned_at > kIdleBeforeCheck;
  if (!old && (!doubtful || session.is_connected())) {
    state.failed = false;
    return;
  }
  statements_[position].clear();  // they belong to the connection about to close
  translate_errors([&] {
    session.close();  // also drops the backend of a connection the server closed
    open(session);
  });
  state = SessionState{std::chrono::steady_clock::now(), {}, false};
}

void ConnectionPool::open(soci::session& session) {
  session.open(options_.backend, options_.connect_string);
  if (options_.dialect == Dialect::kSqlite) {
    session << "PRAGMA busy_timeout = " << options_.busy_timeout.count();
    session << "PRAGMA journal_mode = WAL";
    session << "PRAGMA synchronous = NORMAL";
    session << "PRAGMA foreign_keys = ON";
  } else {
    // Write transactions read a row, then rewrite it (a session's jobs map, a job's links).
    // Under InnoDB's default REPEATABLE READ two of them on one node could both read the old
    // row and the second commit would silently drop the first's change. SERIALIZABLE makes
    // their reads share locks, so one of them deadlocks and is run again (Application); on
    // Galera, transactions on different nodes are ordered by certification at commit.
    // Autocommitted reads stay non-locking.
    session << "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE";
  }
}

std::unique_lock<std::timed_mutex> ConnectionPool::writer_turn() {
  if (options_.dialect != Dialect::kSqlite) return {};
  std::unique_lock turn(writer_, std::defer_lock);
  if (!turn.try_lock_for(options_.busy_timeout))
    throw Error(Error::Kind::kUnavailable, "the database stayed busy with other writes");
  return turn;
}

StatementCache& ConnectionPool::statements(soci::session& session) {
  for (std::size_t i = 0; i < options_.size; ++i)
    if (&pool_.at(i) == &session) return statements_[i];
  throw std::logic_error("a session that is not this pool's");
}

std::size_t ConnectionPool::acquire() {
  std::size_t position = 0;
  if (!pool_.try_lease(position, static_cast<int>(options_.acquire_timeout.count())))
    throw Error(Error::Kind::kUnavailable, "no database connection became free in time");
  return position;
}

ConnectionPool::Lease::Lease(ConnectionPool& pool)
    : pool_(pool),
      position_(pool.acquire()),
      session_(pool.pool_.at(position_)),
      exceptions_at_start_(std::uncaught_exceptions()) {
  try {
    pool_.refresh(position_);
  } catch (...) {
    pool_.pool_.give_back(position_);
    throw;
  }
}

ConnectionPool::Lease::~Lease() {
  auto& state = pool_.state_[position_];
  // Given back while an error unwinds: the connection is checked at its next lease.
  if (std::uncaught_exceptions() > exceptions_at_start_) state.failed = true;
  state.returned_at = std::chrono::steady_clock::now();
  pool_.pool_.give_back(position_);
}

}  // namespace freezer::db::sql

#include "db/sql/session_pool.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include "db/errors.h"
#include "db/sql/sql_errors.h"

namespace freezer::db::sql {

SessionPool::SessionPool(PoolOptions options) : options_(std::move(options)), pool_(options_.size) {
  translate_errors([&] {
    for (std::size_t i = 0; i < options_.size; ++i) open(pool_.at(i));
  });
}

void SessionPool::open(soci::session& session) {
  session.open(options_.backend, options_.connect_string);
  if (options_.dialect == Dialect::kSqlite) {
    session << "PRAGMA busy_timeout = " << options_.busy_timeout.count();
    session << "PRAGMA journal_mode = WAL";
    session << "PRAGMA synchronous = NORMAL";
    session << "PRAGMA foreign_keys = ON";
  }
}

std::size_t SessionPool::acquire() {
  std::size_t position = 0;
  if (!pool_.try_lease(position, static_cast<int>(options_.acquire_timeout.count())))
    throw Error(Error::Kind::kUnavailable, "no database connection became free in time");
  return position;
}

SessionPool::Lease::Lease(SessionPool& pool)
    : pool_(pool), position_(pool.acquire()), session_(pool.pool_.at(position_)) {}

SessionPool::Lease::~Lease() { pool_.pool_.give_back(position_); }

}  // namespace freezer::db::sql

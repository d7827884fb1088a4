#pragma once
// Where a store gets its connection (a SOCI session): a pooled one per call, or the one of an
// open write transaction (so that several stores' operations commit or roll back together).
#include <soci/session.h>

#include <optional>
#include <type_traits>

#include "db/errors.h"
#include "db/sql/connection/connection_pool.h"
#include "db/sql/connection/sql_errors.h"
#include "db/sql/connection/write_transaction.h"

namespace freezer::db::sql {

class ConnectionSource {
 public:
  explicit ConnectionSource(ConnectionPool& pool) : pool_(pool) {}
  ConnectionSource(ConnectionPool& pool, soci::session& transaction_connection)
      : pool_(pool), transaction_(&transaction_connection) {}

  const DialectTraits& dialect() const { return pool_.dialect(); }
  bool in_transaction() const { return transaction_ != nullptr; }

  // The prepared statements of a connection this source handed out.
  StatementCache& statements(soci::session& sql) { return pool_.statements(sql); }

  // The rows of a SELECT, through the connection's prepared statements.
  template <typename Record>
  std::vector<Record> select(const std::string& query, const Params& params) {
    return run([&](soci::session& sql) {
      return statements(sql).template select<Record>(sql, query, params);
    });
  }

  // Runs fn(soci::session&), mapping database errors to db::Error.
  template <typename Fn>
  auto run(Fn&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    return translate_errors([&]() -> decltype(fn(std::declval<soci::session&>())) {
      if (transaction_ != nullptr) return fn(*transaction_);
      ConnectionPool::Lease lease(pool_);
      return fn(*lease);
    });
  }

  // A write of one statement: on MySQL without BEGIN and COMMIT (two round trips), the
  // statement being a transaction of its own; on SQLite as write() (the writer's turn).
  template <typename Fn>
  auto write_statement(Fn&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    if (dialect().dialect == Dialect::kMysql) return run(std::forward<Fn>(fn));
    return write(std::forward<Fn>(fn));
  }

  // Like run(), inside a write transaction: the enclosing one, or one of its own. A conflict
  // (Error::Kind::kConflict) is not retried here: the whole unit of work runs again, in one
  // place (db/conflict_retry.h).
  template <typename Fn>
  auto write(Fn&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    using Result = decltype(fn(std::declval<soci::session&>()));
    if (auto* group = pool_.group_commit(); group != nullptr && transaction_ == nullptr) {
      return translate_errors([&]() -> Result {
        if constexpr (std::is_void_v<Result>) {
          group->run([&](soci::session& sql) { fn(sql); });
        } else {
          std::optional<Result> result;
          group->run([&](soci::session& sql) { result = fn(sql); });
          return std::move(*result);
        }
      });
    }
    return run([&](soci::session& sql) -> Result {
      if (transaction_ != nullptr) return fn(sql);
      WriteTransaction tx(sql, dialect(), pool_.writer_turn());
      if constexpr (std::is_void_v<Result>) {
        fn(sql);
        tx.commit();
      } else {
        auto result = fn(sql);
        tx.commit();
        return result;
      }
    });
  }

 private:
  ConnectionPool& pool_;
  soci::session* transaction_ = nullptr;  // the open write transaction's connection, if any
};

}  // namespace freezer::db::sql

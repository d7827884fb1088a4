#pragma once
// Where a store gets its connection: a pooled session per call, or the session of an open
// write transaction (so that several stores' operations commit or roll back together).
#include <soci/session.h>

#include <optional>
#include <type_traits>

#include "db/errors.h"
#include "db/sql/session_pool.h"
#include "db/sql/sql_errors.h"
#include "db/sql/write_transaction.h"

namespace freezer::db::sql {

class SessionSource {
 public:
  explicit SessionSource(SessionPool& pool) : pool_(pool) {}
  SessionSource(SessionPool& pool, soci::session& transaction_session)
      : pool_(pool), session_(&transaction_session) {}

  const DialectTraits& dialect() const { return pool_.dialect(); }

  // The prepared statements of a session this source handed out.
  StatementCache& statements(soci::session& sql) { return pool_.statements(sql); }

  // The rows of a SELECT, through the session's prepared statements.
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
      if (session_ != nullptr) return fn(*session_);
      SessionPool::Lease lease(pool_);
      return fn(*lease);
    });
  }

  // Like run(), inside a write transaction: the enclosing one, or one of its own (retried
  // a few times when the database reports a deadlock).
  template <typename Fn>
  auto write(Fn&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    using Result = decltype(fn(std::declval<soci::session&>()));
    for (int attempt = 1;; ++attempt) {
      try {
        if (auto* group = pool_.group_commit(); group != nullptr && session_ == nullptr) {
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
        return run([&](soci::session& sql) -> decltype(fn(sql)) {
          if (session_ != nullptr) return fn(sql);
          WriteTransaction tx(sql, dialect(), pool_.writer_turn());
          if constexpr (std::is_void_v<decltype(fn(sql))>) {
            fn(sql);
            tx.commit();
          } else {
            auto result = fn(sql);
            tx.commit();
            return result;
          }
        });
      } catch (const Error& e) {
        if (e.kind() != Error::Kind::kConflict || session_ != nullptr || attempt >= 3) throw;
      }
    }
  }

 private:
  SessionPool& pool_;
  soci::session* session_ = nullptr;
};

}  // namespace freezer::db::sql

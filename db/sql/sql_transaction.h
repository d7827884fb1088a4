#pragma once
#include "db/sql/session_pool.h"
#include "db/sql/sql_stores.h"
#include "db/sql/write_transaction.h"
#include "db/transaction.h"

namespace freezer::db::sql {

// One pooled session held for the transaction; every store works on it.
class SqlTransaction final : public WithSqlStores<Transaction> {
 public:
  explicit SqlTransaction(SessionPool& pool);

  void commit() override;

 private:
  SqlStores& sql_stores() override { return stores_; }

  SessionPool::Lease lease_;
  WriteTransaction tx_;
  SqlStores stores_;
};

}  // namespace freezer::db::sql

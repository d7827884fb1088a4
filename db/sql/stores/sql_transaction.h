#pragma once
#include "db/sql/connection/connection_pool.h"
#include "db/sql/connection/write_transaction.h"
#include "db/sql/stores/sql_stores.h"
#include "db/transaction.h"

namespace freezer::db::sql {

// One pooled session held for the transaction; every store works on it.
class SqlTransaction final : public WithSqlStores<Transaction> {
 public:
  explicit SqlTransaction(ConnectionPool& pool);

  void commit() override;

 private:
  SqlStores& sql_stores() override { return stores_; }

  ConnectionPool::Lease lease_;
  WriteTransaction tx_;
  SqlStores stores_;
};

}  // namespace freezer::db::sql

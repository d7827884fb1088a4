#pragma once
#include "db/sql/session_pool.h"
#include "db/sql/sql_stores.h"
#include "db/sql/write_transaction.h"
#include "db/transaction.h"

namespace freezer::db::sql {

// One pooled session held for the transaction; every store works on it.
class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(SessionPool& pool);

  ClientStore& clients() override { return stores_.clients; }
  ActionStore& actions() override { return stores_.actions; }
  JobStore& jobs() override { return stores_.jobs; }
  SessionStore& sessions() override { return stores_.sessions; }
  BackupStore& backups() override { return stores_.backups; }
  CredentialStore& credentials() override { return stores_.credentials; }
  void commit() override;

 private:
  SessionPool::Lease lease_;
  WriteTransaction tx_;
  SqlStores stores_;
};

}  // namespace freezer::db::sql

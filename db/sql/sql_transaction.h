#pragma once
#include "db/sql/session_pool.h"
#include "db/sql/sql_action_store.h"
#include "db/sql/sql_backup_store.h"
#include "db/sql/sql_client_store.h"
#include "db/sql/sql_credential_store.h"
#include "db/sql/sql_job_store.h"
#include "db/sql/sql_session_store.h"
#include "db/sql/write_transaction.h"
#include "db/transaction.h"

namespace freezer::db::sql {

// One pooled session held for the transaction; every store works on it.
class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(SessionPool& pool);

  ClientStore& clients() override { return clients_; }
  ActionStore& actions() override { return actions_; }
  JobStore& jobs() override { return jobs_; }
  SessionStore& sessions() override { return sessions_; }
  BackupStore& backups() override { return backups_; }
  CredentialStore& credentials() override { return credentials_; }
  void commit() override;

 private:
  SessionPool::Lease lease_;
  WriteTransaction tx_;
  SqlClientStore clients_;
  SqlActionStore actions_;
  SqlJobStore jobs_;
  SqlSessionStore sessions_;
  SqlBackupStore backups_;
  SqlCredentialStore credentials_;
};

}  // namespace freezer::db::sql

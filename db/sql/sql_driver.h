#pragma once
#include <memory>

#include "db/driver.h"
#include "db/sql/migrator.h"
#include "db/sql/session_pool.h"
#include "db/sql/sql_action_store.h"
#include "db/sql/sql_backup_store.h"
#include "db/sql/sql_client_store.h"
#include "db/sql/sql_credential_store.h"
#include "db/sql/sql_job_store.h"
#include "db/sql/sql_session_store.h"

namespace freezer::db::sql {

class SqlDriver final : public Driver {
 public:
  explicit SqlDriver(PoolOptions options);

  std::string name() const override { return pool_.dialect().name; }
  ClientStore& clients() override { return clients_; }
  ActionStore& actions() override { return actions_; }
  JobStore& jobs() override { return jobs_; }
  SessionStore& sessions() override { return sessions_; }
  BackupStore& backups() override { return backups_; }
  CredentialStore& credentials() override { return credentials_; }
  std::unique_ptr<Transaction> begin() override;
  SchemaStatus schema_status() override;
  std::vector<int> sync_schema() override;
  std::vector<std::string> table_names() override;

 private:
  SessionPool pool_;
  Migrator migrator_;
  SqlClientStore clients_;
  SqlActionStore actions_;
  SqlJobStore jobs_;
  SqlSessionStore sessions_;
  SqlBackupStore backups_;
  SqlCredentialStore credentials_;
};

}  // namespace freezer::db::sql

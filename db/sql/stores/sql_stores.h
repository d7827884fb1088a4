#pragma once
// Every store of the SQL driver over one session source: the driver's own (a pooled session
// per call) and each transaction's (its session) are the same set. Only the driver's reads
// go through the job document cache: a transaction reads what it is about to write.
#include "db/sql/connection/connection_source.h"
#include "db/sql/stores/sql_action_store.h"
#include "db/sql/stores/sql_backup_store.h"
#include "db/sql/stores/sql_client_store.h"
#include "db/sql/stores/sql_credential_store.h"
#include "db/sql/stores/sql_job_store.h"
#include "db/sql/stores/sql_session_store.h"
#include "db/stores.h"

namespace freezer::db::sql {

struct SqlStores {
  explicit SqlStores(ConnectionSource source, JobDocumentCache* job_cache = nullptr,
                     JobVersionReads* job_versions = nullptr)
      : clients(source),
        actions(source),
        jobs(source, job_cache, job_versions),
        sessions(source),
        backups(source),
        credentials(source) {}

  SqlClientStore clients;
  SqlActionStore actions;
  SqlJobStore jobs;
  SqlSessionStore sessions;
  SqlBackupStore backups;
  SqlCredentialStore credentials;
};

// The Stores of `Interface` (Driver or Transaction) answered by the SqlStores of the derived
// class, which declares them after what they need (the pool, the transaction's session).
template <typename Interface>
class WithSqlStores : public Interface {
 public:
  ClientStore& clients() final { return sql_stores().clients; }
  ActionStore& actions() final { return sql_stores().actions; }
  JobStore& jobs() final { return sql_stores().jobs; }
  SessionStore& sessions() final { return sql_stores().sessions; }
  BackupStore& backups() final { return sql_stores().backups; }
  CredentialStore& credentials() final { return sql_stores().credentials; }

 private:
  virtual SqlStores& sql_stores() = 0;
};

}  // namespace freezer::db::sql

#pragma once
// Every store of the SQL driver over one session source: the driver's own (a pooled session
// per call) and each transaction's (its session) are the same set.
#include "db/sql/session_source.h"
#include "db/sql/sql_action_store.h"
#include "db/sql/sql_backup_store.h"
#include "db/sql/sql_client_store.h"
#include "db/sql/sql_credential_store.h"
#include "db/sql/sql_job_store.h"
#include "db/sql/sql_session_store.h"

namespace freezer::db::sql {

struct SqlStores {
  explicit SqlStores(SessionSource source)
      : clients(source),
        actions(source),
        jobs(source),
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

}  // namespace freezer::db::sql

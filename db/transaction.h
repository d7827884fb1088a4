#pragma once
// A unit of work: every store operation made through it commits together, or not at all.
#include "db/action_store.h"
#include "db/backup_store.h"
#include "db/client_store.h"
#include "db/credential_store.h"
#include "db/job_store.h"
#include "db/session_store.h"

namespace freezer::db {

class Transaction {
 public:
  virtual ~Transaction() = default;  // rolls back unless committed
  virtual ClientStore& clients() = 0;
  virtual ActionStore& actions() = 0;
  virtual JobStore& jobs() = 0;
  virtual SessionStore& sessions() = 0;
  virtual BackupStore& backups() = 0;
  virtual CredentialStore& credentials() = 0;
  virtual void commit() = 0;
};

}  // namespace freezer::db

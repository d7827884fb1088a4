#pragma once
// One store per resource. The driver's stores run each call as its own transaction; a
// Transaction's stores all commit together.
#include "db/action_store.h"
#include "db/backup_store.h"
#include "db/client_store.h"
#include "db/credential_store.h"
#include "db/job_store.h"
#include "db/session_store.h"

namespace freezer::db {

class Stores {
 public:
  virtual ClientStore& clients() = 0;
  virtual ActionStore& actions() = 0;
  virtual JobStore& jobs() = 0;
  virtual SessionStore& sessions() = 0;
  virtual BackupStore& backups() = 0;
  virtual CredentialStore& credentials() = 0;

 protected:
  ~Stores() = default;  // owned through Driver or Transaction
};

}  // namespace freezer::db

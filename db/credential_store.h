#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/credential_record.h"
#include "db/page.h"

namespace freezer::db {

class CredentialStore {
 public:
  virtual ~CredentialStore() = default;

  // Live credentials of these jobs (at most one each).
  virtual std::vector<CredentialRecord> for_jobs(const std::vector<std::string>& job_ids) = 0;
  // Live credentials of a trustor's jobs (to know whether a trust is still used).
  virtual std::vector<CredentialRecord> for_trustor(const std::string& trustor_user_id) = 0;
  virtual void insert(const CredentialRecord& record) = 0;
  // Every live row, by id, for re-encryption.
  virtual std::vector<CredentialRecord> list(const Page& page) = 0;
  // Rewrites the live row `record.id` (re-encryption); false when there is none.
  virtual bool update(const CredentialRecord& record) = 0;

  virtual void add_pending_deletion(const PendingTrustDeletion& pending) = 0;
  virtual std::vector<PendingTrustDeletion> pending_deletions(std::size_t limit) = 0;
  virtual void remove_pending_deletion(const std::string& id) = 0;
};

}  // namespace freezer::db

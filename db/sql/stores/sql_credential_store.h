#pragma once
#include "db/credential_store.h"
#include "db/sql/connection/connection_source.h"

namespace freezer::db::sql {

class SqlCredentialStore final : public CredentialStore {
 public:
  explicit SqlCredentialStore(ConnectionSource source) : source_(source) {}

  std::vector<CredentialRecord> for_jobs(const std::vector<std::string>& job_ids) override;
  std::vector<CredentialRecord> for_trustor(const std::string& trustor_user_id) override;
  void insert(const CredentialRecord& record) override;
  std::vector<CredentialRecord> list(const Page& page) override;
  bool update(const CredentialRecord& record) override;
  void add_pending_deletion(const PendingTrustDeletion& pending) override;
  std::vector<PendingTrustDeletion> pending_deletions(std::size_t limit) override;
  void remove_pending_deletion(const std::string& id) override;

 private:
  ConnectionSource source_;
};

}  // namespace freezer::db::sql

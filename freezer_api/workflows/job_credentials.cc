#include "freezer_api/workflows/job_credentials.h"

#include <spdlog/spdlog.h>

#include "common/secret_fingerprint.h"
#include "common/uuid.h"
#include "freezer_api/auth/authorization.h"

namespace freezer::api {
namespace {

// How many earlier failed trust deletions one job deletion retries.
constexpr std::size_t kRetriesPerDeletion = 5;

}  // namespace

std::optional<JobCredentials> open_credentials(Services& services,
                                               const db::CredentialRecord& row) {
  try {
    return JobCredentials{services.cipher.open(row.trust_id, row.decrypt_method),
                          row.trustor_user_id};
  } catch (const std::exception& e) {
    spdlog::error("cannot decrypt the credentials of job {}: {}", row.job_id, e.what());
    return std::nullopt;
  }
}

void show_credentials(Services& services, const RequestContext& caller,
                      const std::string& url_project_id, const JobCredentials& credentials,
                      rapidjson::Value& job, Allocator& a) {
  if (!allowed(services.policy, "jobs:get_credentials", caller, url_project_id,
               {{"trustor_user_id", credentials.trustor_user_id}}))
    return;
  rapidjson::Value value(rapidjson::kObjectType);
  value.AddMember("trust_id", json_string(credentials.trust_id, a), a);
  value.AddMember("trustor_user_id", json_string(credentials.trustor_user_id, a), a);
  job.AddMember("user_credentials", value, a);
}

void store_credentials(Services& services, db::Transaction& tx, const std::string& job_id,
                       const TrustBroker::Grant& grant) {
  auto sealed = services.cipher.seal(grant.trust_id);
  tx.credentials().insert(db::CredentialRecord{common::uuid4_hex(), sealed.method, sealed.value,
                                               grant.trustor_user_id, job_id});
}

void release_trust(Services& services, const db::CredentialRecord& credentials,
                   const RequestContext& caller, const std::string& project_id) {
  if (!services.trusts) return;
  TrustBroker& trusts = *services.trusts;
  try {
    const std::string trust_id =
        services.cipher.open(credentials.trust_id, credentials.decrypt_method);
    bool in_use = false;
    for (const auto& other : services.db.credentials().for_trustor(credentials.trustor_user_id))
      in_use = in_use || services.cipher.open(other.trust_id, other.decrypt_method) == trust_id;
    if (!in_use && !trusts.remove(trust_id, caller.auth_token)) {
      spdlog::warn("trust {} could not be deleted now; retrying at a later job deletion",
                   common::secret_fingerprint(trust_id));
      auto sealed = services.cipher.seal(trust_id);
      services.db.credentials().add_pending_deletion(
          db::PendingTrustDeletion{common::uuid4_hex(), sealed.method, sealed.value, project_id});
    }
    for (const auto& pending : services.db.credentials().pending_deletions(kRetriesPerDeletion)) {
      if (trusts.remove(services.cipher.open(pending.trust_id, pending.decrypt_method), ""))
        services.db.credentials().remove_pending_deletion(pending.id);
    }
  } catch (const std::exception& e) {
    spdlog::error("releasing the trust of job {} failed: {}", credentials.job_id, e.what());
  }
}

}  // namespace freezer::api

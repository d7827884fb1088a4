#pragma once
// The trust a centrally scheduled job runs under: sealing it into user_credentials, showing
// it to those allowed (jobs:get_credentials), and releasing it when its last job goes.
#include <optional>
#include <string>

#include "db/credential_record.h"
#include "db/job_record.h"
#include "db/transaction.h"
#include "freezer_api/auth/trust_broker.h"
#include "freezer_api/json_response.h"
#include "freezer_api/request_context.h"
#include "freezer_api/services.h"

namespace freezer::api {

struct JobCredentials {
  std::string trust_id;  // decrypted
  std::string trustor_user_id;
};

// The decrypted credentials of one row; nullopt (logged) when they cannot be decrypted.
std::optional<JobCredentials> open_credentials(Services& services, const db::CredentialRecord& row);

// Adds "user_credentials" to a rendered job when the caller passes jobs:get_credentials.
void show_credentials(Services& services, const RequestContext& caller,
                      const std::string& url_project_id, const JobCredentials& credentials,
                      rapidjson::Value& job, Allocator& a);

// Stores the granted trust for `job_id` inside the job's transaction.
void store_credentials(Services& services, db::Transaction& tx, const std::string& job_id,
                       const TrustBroker::Grant& grant);

// After a job's deletion: deletes its trust in Keystone when no other job uses it (failures are
// remembered and retried at later deletions). Never throws.
void release_trust(Services& services, const db::CredentialRecord& credentials,
                   const RequestContext& caller, const std::string& project_id);

}  // namespace freezer::api

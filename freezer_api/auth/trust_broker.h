#pragma once
// Delegation for the central scheduler: a Keystone trust from the job's creator (trustor) to
// the service user (trustee) on the job's project, found or created with the creator's
// token; and its removal once no job needs it.
#include <string>

#include "common/clock.h"
#include "freezer_api/auth/keystone_client.h"
#include "freezer_api/auth/keystone_options.h"
#include "freezer_api/auth/service_token.h"
#include "freezer_api/config/centralized_options.h"
#include "freezer_api/request_context.h"

namespace freezer::api {

// Not copyable: its service token refers to its own Keystone client.
class TrustBroker {
 public:
  TrustBroker(CentralizedOptions options, KeystoneOptions trustee, const common::Clock& clock);
  TrustBroker(const TrustBroker&) = delete;
  TrustBroker& operator=(const TrustBroker&) = delete;

  // Whether a job on such a client needs a trust.
  bool needed(bool client_is_central) const;

  struct Grant {
    std::string trust_id;
    std::string trustor_user_id;
    bool created = false;  // by this call: to undo if the job is not written
  };
  // Reuses a live trust with the delegated roles, or creates one. Throws ApiError: 422 when
  // Keystone refuses (or the caller has no token), 503 when it cannot be reached.
  Grant obtain(const RequestContext& caller, const std::string& project_id);

  // Deletes the trust with the caller's token, else the service user's. False when neither
  // could (the caller should retry later).
  bool remove(const std::string& trust_id, const std::string& caller_token);

 private:
  std::string trustee_user_id();

  CentralizedOptions options_;
  KeystoneOptions trustee_options_;
  KeystoneClient keystone_;
  ServiceToken service_token_;
};

}  // namespace freezer::api

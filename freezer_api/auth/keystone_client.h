#pragma once
// The Keystone v3 calls the API makes: password authentication (the service user), token
// validation, and the trusts it creates for jobs of central schedulers.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/http_client.h"
#include "common/keystone_token.h"
#include "freezer_api/auth/keystone_options.h"
#include "freezer_api/request_context.h"

namespace freezer::api {

using common::IssuedToken;
using common::KeystoneError;
using common::parse_keystone_time;

// What a validated token says about its bearer.
struct TokenInfo {
  RequestContext identity;  // user, project, domains, roles, trust (no request id, no token)
  std::chrono::system_clock::time_point expires_at;
};

// A validation body of Keystone ({"token": {...}}) read; nullopt when it is not one.
std::optional<TokenInfo> parse_validation(std::string_view body);

// POST /v3/OS-TRUST/trusts: a trust from the trustor to the trustee on the project, with these
// roles (by name), neither impersonating nor redelegable.
std::string trust_request_body(const std::string& trustor_user_id,
                               const std::string& trustee_user_id, const std::string& project_id,
                               const std::vector<std::string>& roles);

class KeystoneClient {
 public:
  explicit KeystoneClient(KeystoneOptions options);

  // Password authentication scoped as configured. Throws KeystoneError or
  // common::HttpTransportError.
  IssuedToken authenticate_service_user() const;
  // Keystone's body ({"token": {...}}) for a valid subject token (what the shared token cache
  // keeps; parse_validation reads it); nullopt when Keystone says it is not valid (404).
  // Throws KeystoneError (401: the service token itself was refused) or
  // common::HttpTransportError. allow_expired: a token past its expiry still validates (for
  // requests that carry a valid X-Service-Token, as keystonemiddleware allows).
  std::optional<std::string> validation_body(const std::string& service_token,
                                             const std::string& subject_token,
                                             bool allow_expired = false) const;

  // Trusts, with the given token (the trustor's own, or a privileged one).
  struct Trust {
    std::string id;
    std::string trustor_user_id;
    std::string trustee_user_id;
    std::string project_id;
    std::vector<std::string> roles;  // names, lower-cased
    bool expired = false;
    bool limited_uses = false;
  };
  std::vector<Trust> list_trusts(const std::string& token, const std::string& trustor_user_id,
                                 const std::string& trustee_user_id) const;
  // One trust with its roles (the list leaves roles out). nullopt when it does not exist.
  std::optional<Trust> get_trust(const std::string& token, const std::string& trust_id) const;
  // `roles`: names; throws KeystoneError with Keystone's status on refusal.
  Trust create_trust(const std::string& token, const std::string& trustor_user_id,
                     const std::string& trustee_user_id, const std::string& project_id,
                     const std::vector<std::string>& roles) const;
  // True when deleted (or already gone); false when refused.
  bool delete_trust(const std::string& token, const std::string& trust_id) const;

  const std::string& v3_url() const { return v3_url_; }

 private:
  const KeystoneOptions options_;
  std::string v3_url_;
  common::HttpClient http_;
};

}  // namespace freezer::api

#pragma once
// [api] auth_strategy = keystone: what keystonemiddleware's auth_token does for upstream.
// X-Auth-Token is validated with Keystone v3, the caller's identity becomes the request
// context; no or a bad token -> 401 with WWW-Authenticate, Keystone unreachable and the token
// not cached -> 503. Validations are reused from this process's cache, then from memcached
// (memcached_servers, shared by every instance), before Keystone is asked.
// X-Service-Token, when sent, must be valid too (401 otherwise); with
// service_token_roles_required it must carry one of service_token_roles. A valid service
// token lets an expired user token through, as keystonemiddleware does.
#include <atomic>
#include <memory>
#include <optional>

#include "common/clock.h"
#include "freezer_api/auth/context_builder.h"
#include "freezer_api/auth/keystone_client.h"
#include "freezer_api/auth/keystone_options.h"
#include "freezer_api/auth/memcached_token_store.h"
#include "freezer_api/auth/service_token.h"
#include "freezer_api/auth/token_cache.h"

namespace freezer::api {

class KeystoneContextBuilder final : public ContextBuilder {
 public:
  KeystoneContextBuilder(KeystoneOptions options, const common::Clock& clock);

  RequestContext authenticate(const http::Request& request,
                              std::string_view url_project_id) override;

  // Calls made to Keystone to validate a caller's token (for the cache benchmark and tests).
  long validations() const { return validations_.load(); }
  const KeystoneClient& keystone() const { return keystone_; }
  ServiceToken& service_token() { return service_token_; }

 private:
  // The identity of a valid token; nullopt when Keystone (or a cache) says it is not valid.
  std::optional<RequestContext> identity_of(const std::string& token, bool allow_expired);
  std::optional<RequestContext> shared_identity_of(const std::string& token, bool allow_expired);
  std::optional<RequestContext> validate_with_keystone(const std::string& token,
                                                       bool allow_expired);
  // Whether the request's X-Service-Token (absent: false) is valid and acceptable.
  bool service_token_accepted(const std::string& service_token);

  KeystoneOptions options_;
  const common::Clock& clock_;
  KeystoneClient keystone_;
  ServiceToken service_token_;
  TokenCache cache_;
  std::unique_ptr<MemcachedTokenStore> shared_cache_;  // null without memcached_servers
  std::atomic<long> validations_{0};
};

}  // namespace freezer::api

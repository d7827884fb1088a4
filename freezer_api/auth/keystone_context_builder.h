#pragma once
// [api] auth_strategy = keystone: what keystonemiddleware's auth_token does for upstream.
// X-Auth-Token is validated with Keystone v3 (cached), the caller's identity becomes the
// request context; no or a bad token -> 401 with WWW-Authenticate, Keystone unreachable
// and the token not cached -> 503.
#include <atomic>
#include <memory>

#include "common/clock.h"
#include "freezer_api/auth/context_builder.h"
#include "freezer_api/auth/keystone_client.h"
#include "freezer_api/auth/keystone_options.h"
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
  RequestContext validate_with_keystone(const std::string& token);

  KeystoneOptions options_;
  KeystoneClient keystone_;
  ServiceToken service_token_;
  TokenCache cache_;
  std::atomic<long> validations_{0};
};

}  // namespace freezer::api

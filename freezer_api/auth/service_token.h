#pragma once
// The service user's own token: it validates callers' tokens, and (in TrustBroker) finds the
// trustee's user id and deletes trusts when the caller's token cannot. Obtained on first use,
// renewed shortly before it expires or when Keystone refuses it.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.h"
#include "freezer_api/auth/keystone_client.h"

namespace freezer::api {

class ServiceToken {
 public:
  ServiceToken(const KeystoneClient& keystone, const common::Clock& clock);

  // Throws what KeystoneClient::authenticate_service_user throws.
  IssuedToken get();
  // Forget `token` (Keystone refused it); the next get() authenticates again.
  void invalidate(const std::string& token);

 private:
  const KeystoneClient& keystone_;
  const common::Clock& clock_;
  std::mutex mutex_;
  std::optional<IssuedToken> current_;
};

}  // namespace freezer::api

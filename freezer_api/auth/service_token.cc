#include "freezer_api/auth/service_token.h"

namespace freezer::api {

// Renew this long before expiry, so a validation never goes out with a dying token.
constexpr std::chrono::seconds kRenewMargin{120};

ServiceToken::ServiceToken(const KeystoneClient& keystone, const common::Clock& clock)
    : keystone_(keystone), clock_(clock) {}

IssuedToken ServiceToken::get() {
  std::lock_guard lock(mutex_);
  if (!current_ || clock_.now() + kRenewMargin >= current_->expires_at)
    current_ = keystone_.authenticate_service_user();
  return *current_;
}

void ServiceToken::invalidate(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (current_ && current_->token == token) current_.reset();
}

}  // namespace freezer::api

#include "freezer_api/auth/trust_broker.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/secret_fingerprint.h"
#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

ApiError missing_credentials(const std::string& message) {
  return ApiError(422, "Missing required credentials", message);
}

bool has_roles(const KeystoneClient::Trust& trust, const std::vector<std::string>& roles) {
  return std::all_of(roles.begin(), roles.end(), [&](const std::string& role) {
    return std::find(trust.roles.begin(), trust.roles.end(), role) != trust.roles.end();
  });
}

}  // namespace

TrustBroker::TrustBroker(CentralizedOptions options, KeystoneOptions trustee,
                         const common::Clock& clock)
    : options_(std::move(options)),
      trustee_options_(std::move(trustee)),
      keystone_(trustee_options_),
      service_token_(keystone_, clock) {}

bool TrustBroker::needed(bool client_is_central) const {
  return options_.enabled && (options_.enforce_trusts || client_is_central);
}

std::string TrustBroker::trustee_user_id() {
  try {
    auto token = service_token_.get();
    if (token.user_id.empty())
      throw missing_credentials("Cannot deduce trustee user from auth_section");
    return token.user_id;
  } catch (const KeystoneError& e) {
    throw missing_credentials("Cannot deduce trustee user from auth_section: " +
                              std::string(e.what()));
  } catch (const common::HttpTransportError& e) {
    throw service_unavailable("Keystone cannot be reached to delegate a trust");
  }
}

TrustBroker::Grant TrustBroker::obtain(const RequestContext& caller,
                                       const std::string& project_id) {
  if (caller.auth_token.empty())
    throw missing_credentials("A Keystone token is needed to delegate a trust to the scheduler");
  const std::string trustee = trustee_user_id();
  const auto& roles = options_.delegated_roles.empty() ? caller.roles : options_.delegated_roles;
  try {
    for (const auto& listed : keystone_.list_trusts(caller.auth_token, caller.user_id, trustee)) {
      if (listed.project_id != project_id || listed.expired || listed.limited_uses) continue;
      // Reused only when it delegates the roles asked for (upstream reused any trust).
      auto trust = keystone_.get_trust(caller.auth_token, listed.id);
      if (trust && has_roles(*trust, roles)) return Grant{trust->id, caller.user_id, false};
    }
  } catch (const KeystoneError& e) {
    spdlog::warn("cannot list the trusts of user {}: {}", caller.user_id, e.what());
  } catch (const common::HttpTransportError& e) {
    throw service_unavailable("Keystone cannot be reached to delegate a trust");
  }
  try {
    auto trust =
        keystone_.create_trust(caller.auth_token, caller.user_id, trustee, project_id, roles);
    spdlog::info("created trust {} from user {} to {} on project {}",
                 common::secret_fingerprint(trust.id), caller.user_id, trustee, project_id);
    return Grant{trust.id, caller.user_id, true};
  } catch (const KeystoneError& e) {
    throw unprocessable("Keystone refused to create a trust for the scheduler: " +
                        std::string(e.what()));
  } catch (const common::HttpTransportError& e) {
    throw service_unavailable("Keystone cannot be reached to delegate a trust");
  }
}

bool TrustBroker::remove(const std::string& trust_id, const std::string& caller_token) {
  try {
    if (!caller_token.empty() && keystone_.delete_trust(caller_token, trust_id)) return true;
    return keystone_.delete_trust(service_token_.get().token, trust_id);
  } catch (const std::exception& e) {
    spdlog::warn("cannot delete trust {}: {}", common::secret_fingerprint(trust_id), e.what());
    return false;
  }
}

}  // namespace freezer::api

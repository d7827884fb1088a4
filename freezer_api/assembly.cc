#include "freezer_api/assembly.h"

#include <spdlog/spdlog.h>

#include "common/api_option_catalog.h"
#include "db/driver_factory.h"
#include "freezer_api/auth/keystone_context_builder.h"
#include "freezer_api/auth/noauth_context_builder.h"

namespace freezer::api {
namespace {

std::unique_ptr<ContextBuilder> make_context_builder(const common::Config& config,
                                                     const ApiOptions& options,
                                                     const common::Clock& clock) {
  if (options.auth_strategy == "noauth") {
    if (!is_loopback_address(options.bind_host) && !options.allow_noauth_on_public_address)
      throw common::ConfigError(
          "refusing to serve without authentication on " + options.bind_host +
          ": bind to a loopback address, or set [api] allow_noauth_on_public_address = true");
    spdlog::warn(
        "auth_strategy=noauth: callers are trusted to say who they are (X-User-Id, "
        "X-Project-Id, X-Roles)");
    return std::make_unique<NoAuthContextBuilder>();
  }
  return std::make_unique<KeystoneContextBuilder>(KeystoneOptions::from_config(config), clock);
}

std::unique_ptr<TrustBroker> make_trust_broker(const common::Config& config,
                                               const ApiOptions& options,
                                               const CentralizedOptions& centralized,
                                               const common::Clock& clock) {
  if (!centralized.enabled) return nullptr;
  if (options.auth_strategy != "keystone") {
    spdlog::warn(
        "[centralized_scheduler] needs Keystone: no trusts are created with auth_strategy={}",
        options.auth_strategy);
    return nullptr;
  }
  return std::make_unique<TrustBroker>(
      centralized, KeystoneOptions::from_config(config, centralized.auth_section), clock);
}

std::unique_ptr<common::CredentialCipher> make_cipher(const CentralizedOptions& centralized) {
  if (centralized.credentials_key_file.empty())
    spdlog::warn(
        "[centralized_scheduler] credentials_key_file is not set: trust ids are stored "
        "unencrypted");
  return std::make_unique<common::CredentialCipher>(centralized.credentials_key_file);
}

}  // namespace

ApiAssembly::ApiAssembly(const common::Config& config, const std::string& config_dir)
    : options_(ApiOptions::from_config(config)),
      driver_(db::make_driver(config, options_.worker_threads)),
      policy_(std::make_unique<policy::Enforcer>(policy::EnforcerOptions{
          .policy_file =
              common::api_option_catalog().get_string(config, "oslo_policy", "policy_file"),
          .config_dir = config_dir,
          .policy_dirs =
              common::api_option_catalog().get_list(config, "oslo_policy", "policy_dirs"),
          .enforce_scope =
              common::api_option_catalog().get_bool(config, "oslo_policy", "enforce_scope")})),
      auth_(make_context_builder(config, options_, clock_)) {
  const auto centralized = CentralizedOptions::from_config(config);
  cipher_ = make_cipher(centralized);
  trusts_ = make_trust_broker(config, options_, centralized, clock_);
  std::optional<std::reference_wrapper<TrustBroker>> trusts;
  if (trusts_) trusts = *trusts_;
  application_ = std::make_unique<Application>(
      Services{*driver_, schemas_, *policy_, options_, *cipher_, trusts}, *auth_);
}

}  // namespace freezer::api

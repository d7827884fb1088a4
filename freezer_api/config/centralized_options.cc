#include "freezer_api/config/centralized_options.h"

#include <spdlog/spdlog.h>

#include "common/api_option_catalog.h"

namespace freezer::api {

CentralizedOptions CentralizedOptions::from_config(const common::Config& config) {
  constexpr const char* kSection = "centralized_scheduler";
  const auto& catalog = common::api_option_catalog();
  CentralizedOptions o;
  o.enabled = catalog.get_bool(config, kSection, "enabled");
  o.enforce_trusts = catalog.get_bool(config, kSection, "enforce_trusts");
  o.auth_section = catalog.get_string(config, kSection, "auth_section");
  o.delegated_roles = catalog.get_list(config, kSection, "trusts_delegated_roles");
  o.credentials_key_file = catalog.get_string(config, kSection, "credentials_key_file");
  for (const char* deprecated : {"service_user", "service_user_domain"})
    if (config.get(kSection, deprecated))
      spdlog::warn(
          "[centralized_scheduler] {} is deprecated and unused: the trustee is the user "
          "of [{}]",
          deprecated, o.auth_section);
  return o;
}

}  // namespace freezer::api

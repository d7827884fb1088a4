#include "freezer_api/centralized_options.h"

#include <spdlog/spdlog.h>

namespace freezer::api {

CentralizedOptions CentralizedOptions::from_config(const common::Config& config) {
  constexpr const char* kSection = "centralized_scheduler";
  CentralizedOptions o;
  o.enabled = config.get_bool(kSection, "enabled", o.enabled);
  o.enforce_trusts = config.get_bool(kSection, "enforce_trusts", o.enforce_trusts);
  o.auth_section = config.get_string(kSection, "auth_section", o.auth_section);
  o.delegated_roles = config.get_list(kSection, "trusts_delegated_roles", o.delegated_roles);
  o.credentials_key_file = config.get_string(kSection, "credentials_key_file", "");
  for (const char* deprecated : {"service_user", "service_user_domain"})
    if (config.get(kSection, deprecated))
      spdlog::warn("[centralized_scheduler] {} is deprecated and unused: the trustee is the user "
                   "of [{}]", deprecated, o.auth_section);
  return o;
}

}  // namespace freezer::api

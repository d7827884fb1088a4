#pragma once
// [centralized_scheduler]: Keystone trusts for jobs run by a central scheduler. Defaults: the
// option catalog (common/api_option_catalog.cc).
#include <string>
#include <vector>

#include "common/config.h"

namespace freezer::api {

struct CentralizedOptions {
  bool enabled{};                            // create trusts for jobs of central clients
  bool enforce_trusts{};                     // ... and for every job created
  std::string auth_section;                  // the trustee's credentials
  std::vector<std::string> delegated_roles;  // empty: the creator's token roles
  std::string credentials_key_file;          // AES-256-GCM keys for trust ids at rest; "" = none

  // Warns about the deprecated service_user / service_user_domain options.
  static CentralizedOptions from_config(const common::Config& config);
};

}  // namespace freezer::api

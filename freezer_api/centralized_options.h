#pragma once
// [centralized_scheduler]: Keystone trusts for jobs run by a central scheduler.
#include <string>
#include <vector>

#include "common/config.h"

namespace freezer::api {

struct CentralizedOptions {
  bool enabled = true;            // create trusts for jobs of central clients
  bool enforce_trusts = false;    // ... and for every job created
  std::string auth_section = "keystone_authtoken";  // the trustee's credentials
  std::vector<std::string> delegated_roles{"member"};  // empty: the creator's token roles
  std::string credentials_key_file;  // AES-256-GCM keys for trust ids at rest; "" = none

  // Warns about the deprecated service_user / service_user_domain options.
  static CentralizedOptions from_config(const common::Config& config);
};

}  // namespace freezer::api

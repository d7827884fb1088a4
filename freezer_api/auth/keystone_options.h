#pragma once
// [keystone_authtoken], with keystonemiddleware's option names.
#include <chrono>
#include <string>

#include "common/config.h"

namespace freezer::api {

struct KeystoneOptions {
  std::string www_authenticate_uri;  // advertised in WWW-Authenticate on 401
  std::string auth_url;              // where tokens are validated (v3)
  std::string auth_type = "password";
  std::string username;
  std::string password;
  std::string project_name;
  std::string project_id;
  std::string user_domain_name = "Default";
  std::string user_domain_id;
  std::string project_domain_name = "Default";
  std::string project_domain_id;
  std::string region_name;
  std::string interface = "internal";
  std::string cafile;
  bool insecure = false;
  bool service_token_roles_required = false;
  std::chrono::seconds token_cache_time{300};  // cap on how long a validation is reused
  std::size_t token_cache_size = 10000;        // validations kept (least recently used go)
  std::chrono::milliseconds http_connect_timeout{3000};
  std::chrono::milliseconds http_request_timeout{10000};

  // Keystone's v3 root, e.g. http://127.0.0.1:5000/v3
  std::string v3_url() const;

  // Throws common::ConfigError naming a missing or bad option.
  static KeystoneOptions from_config(const common::Config& config,
                                     const std::string& section = "keystone_authtoken");
};

}  // namespace freezer::api

#pragma once
// [keystone_authtoken], with keystonemiddleware's option names. Defaults: the option catalog
// (common/api_option_catalog.cc).
#include <chrono>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/keystone_token.h"
#include "freezer_api/auth/memcache_protection.h"
#include "freezer_api/auth/memcached_token_store.h"

namespace freezer::api {

struct KeystoneOptions {
  std::string www_authenticate_uri;  // advertised in WWW-Authenticate on 401
  std::string auth_url;              // where tokens are validated (v3)
  std::string auth_type;
  common::KeystoneCredentials credentials;  // the service user, scoped to its project
  std::string region_name;
  std::string interface;
  std::string cafile;
  bool insecure{};
  std::vector<std::string> service_token_roles;  // lower-cased
  bool service_token_roles_required{};
  std::chrono::seconds token_cache_time{};  // cap on how long a validation is reused
  std::size_t token_cache_size{};           // validations kept (least recently used go)
  // memcached_servers: validations shared by every API instance (no servers: none shared).
  MemcachedOptions memcached;
  MemcacheStrategy memcache_strategy = MemcacheStrategy::kNone;
  std::string memcache_secret_key;
  std::chrono::milliseconds http_connect_timeout{};
  std::chrono::milliseconds http_request_timeout{};

  // Keystone's v3 root, e.g. http://127.0.0.1:5000/v3
  std::string v3_url() const;

  // Throws common::ConfigError naming a missing or bad option.
  static KeystoneOptions from_config(const common::Config& config,
                                     const std::string& section = "keystone_authtoken");
};

}  // namespace freezer::api

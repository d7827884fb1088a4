#include "freezer_api/auth/keystone_options.h"

#include "common/api_option_catalog.h"
#include "common/keystone_token.h"

namespace freezer::api {
namespace {

template <typename Get, typename GetInt>
void read_memcache_options(KeystoneOptions& o, Get get, GetInt get_int,
                           const std::vector<std::string>& servers, const std::string& section) {
  auto strategy_name = get("memcache_security_strategy");
  auto strategy = memcache_strategy_named(strategy_name);
  if (!strategy)
    throw common::ConfigError("[" + section + "] memcache_security_strategy '" + strategy_name +
                              "': must be ENCRYPT or MAC");
  o.memcache_strategy = *strategy;
  o.memcache_secret_key = get("memcache_secret_key");
  if (*strategy != MemcacheStrategy::kNone && o.memcache_secret_key.empty())
    throw common::ConfigError("[" + section +
                              "] memcache_secret_key must be defined when a "
                              "memcache_security_strategy is defined");
  auto seconds = [&](const char* key) {
    long value = get_int(key);
    if (value < 0) throw common::ConfigError("[" + section + "] " + key + " must be >= 0");
    return std::chrono::seconds(value);
  };
  auto& m = o.memcached;
  for (const auto& entry : servers)
    if (!entry.empty()) m.servers.push_back(parse_memcached_server(entry));
  m.socket_timeout = seconds("memcache_pool_socket_timeout");
  m.dead_retry = seconds("memcache_pool_dead_retry");
  m.connection_wait = seconds("memcache_pool_conn_get_timeout");
  long size = get_int("memcache_pool_maxsize");
  if (size < 1) throw common::ConfigError("[" + section + "] memcache_pool_maxsize must be >= 1");
  m.max_connections = static_cast<std::size_t>(size);
}

}  // namespace

std::string KeystoneOptions::v3_url() const {
  return common::keystone_v3_url(auth_url.empty() ? www_authenticate_uri : auth_url);
}

KeystoneOptions KeystoneOptions::from_config(const common::Config& config,
                                             const std::string& section) {
  // Read from `section` with the layout declared for [keystone_authtoken].
  const auto& catalog = common::api_option_catalog();
  constexpr const char* kLayout = "keystone_authtoken";
  auto get = [&](const char* key) { return catalog.get_string(config, section, key, kLayout); };
  auto get_int = [&](const char* key) { return catalog.get_int(config, section, key, kLayout); };
  auto get_bool = [&](const char* key) { return catalog.get_bool(config, section, key, kLayout); };
  KeystoneOptions o;
  o.www_authenticate_uri = get("www_authenticate_uri");
  o.auth_url = get("auth_url");
  if (o.auth_url.empty() && o.www_authenticate_uri.empty())
    throw common::ConfigError("[" + section + "] auth_url (or www_authenticate_uri) is required");
  o.auth_type = get("auth_type");
  const bool application_credential =
      o.auth_type == "v3applicationcredential" || o.auth_type == "applicationcredential";
  if (o.auth_type != "password" && o.auth_type != "v3password" && !application_credential)
    throw common::ConfigError(
        "[" + section + "] auth_type '" + o.auth_type +
        "' is not supported (supported: password, v3password, v3applicationcredential)");
  o.credentials =
      common::read_keystone_credentials([&](const std::string& key) { return get(key.c_str()); });
  if (application_credential) {
    auto& c = o.credentials;
    c.application_credential_id = get("application_credential_id");
    c.application_credential_name = get("application_credential_name");
    c.application_credential_secret = get("application_credential_secret");
    if (c.application_credential_secret.empty() ||
        (c.application_credential_id.empty() &&
         (c.application_credential_name.empty() || c.username.empty())))
      throw common::ConfigError("[" + section +
                                "] auth_type v3applicationcredential needs "
                                "application_credential_secret and application_credential_id "
                                "(or application_credential_name with username)");
  } else if (o.credentials.username.empty() || o.credentials.password.empty()) {
    throw common::ConfigError("[" + section + "] username and password are required");
  }
  o.region_name = get("region_name");
  o.interface = get("interface");
  o.cafile = get("cafile");
  o.insecure = get_bool("insecure");
  for (auto role : catalog.get_list(config, section, "service_token_roles", kLayout)) {
    for (auto& c : role) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    o.service_token_roles.push_back(std::move(role));
  }
  o.service_token_roles_required = get_bool("service_token_roles_required");
  read_memcache_options(
      o, [&](const char* key) { return get(key); }, get_int,
      catalog.get_list(config, section, "memcached_servers", kLayout), section);
  o.token_cache_time = std::chrono::seconds(get_int("token_cache_time"));
  long size = get_int("token_cache_size");
  if (size < 0) throw common::ConfigError("[" + section + "] token_cache_size must be >= 0");
  o.token_cache_size = static_cast<std::size_t>(size);
  o.http_connect_timeout = std::chrono::milliseconds(get_int("http_connect_timeout") * 1000);
  o.http_request_timeout = std::chrono::milliseconds(get_int("http_request_timeout") * 1000);
  return o;
}

}  // namespace freezer::api

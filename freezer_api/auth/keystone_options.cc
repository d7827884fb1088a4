#include "freezer_api/auth/keystone_options.h"

#include "common/api_option_catalog.h"
#include "common/keystone_token.h"

namespace freezer::api {

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
  o.service_token_roles_required = get_bool("service_token_roles_required");
  o.token_cache_time = std::chrono::seconds(get_int("token_cache_time"));
  long size = get_int("token_cache_size");
  if (size < 0) throw common::ConfigError("[" + section + "] token_cache_size must be >= 0");
  o.token_cache_size = static_cast<std::size_t>(size);
  o.http_connect_timeout = std::chrono::milliseconds(get_int("http_connect_timeout") * 1000);
  o.http_request_timeout = std::chrono::milliseconds(get_int("http_request_timeout") * 1000);
  return o;
}

}  // namespace freezer::api

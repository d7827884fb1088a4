#include "freezer_api/api_options.h"

namespace freezer::api {
namespace {

long positive(const common::Config& config, const char* section, const char* key, long fallback) {
  long value = config.get_int(section, key, fallback);
  if (value <= 0)
    throw common::ConfigError(std::string("[") + section + "] " + key + " must be positive");
  return value;
}

}  // namespace

ApiOptions ApiOptions::from_config(const common::Config& config) {
  ApiOptions o;
  o.bind_host = config.get_string("DEFAULT", "bind_host", o.bind_host);
  long port = config.get_int("DEFAULT", "bind_port", o.bind_port);
  if (port < 0 || port > 65535) throw common::ConfigError("[DEFAULT] bind_port out of range");
  o.bind_port = static_cast<std::uint16_t>(port);
  o.io_threads = static_cast<std::size_t>(positive(config, "api", "io_threads", 2));
  o.worker_threads = static_cast<std::size_t>(positive(config, "api", "worker_threads", 8));
  o.max_body_size = static_cast<std::size_t>(
      positive(config, "oslo_middleware", "max_request_body_size", 1 << 20));
  o.default_limit = positive(config, "api", "default_limit", o.default_limit);
  o.max_limit = positive(config, "api", "max_limit", o.max_limit);
  if (o.default_limit > o.max_limit)
    throw common::ConfigError("[api] default_limit must not exceed [api] max_limit");
  o.auth_strategy = config.get_string("api", "auth_strategy", o.auth_strategy);
  if (o.auth_strategy != "keystone" && o.auth_strategy != "noauth")
    throw common::ConfigError("[api] auth_strategy must be 'keystone' or 'noauth', not '" +
                              o.auth_strategy + "'");
  o.allow_noauth_on_public_address =
      config.get_bool("api", "allow_noauth_on_public_address", false);
  o.backup_status_in_records = config.get_bool("api", "backup_status_in_records", false);
  o.healthcheck_disable_file =
      config.get_string("healthcheck", "disable_by_file_path", o.healthcheck_disable_file);
  return o;
}

bool is_loopback_address(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace freezer::api

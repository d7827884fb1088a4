#include "freezer_api/config/api_options.h"

#include "common/api_option_catalog.h"

namespace freezer::api {
namespace {

long positive(const common::Config& config, const char* section, const char* key) {
  long value = common::api_option_catalog().get_int(config, section, key);
  if (value <= 0)
    throw common::ConfigError(std::string("[") + section + "] " + key + " must be positive");
  return value;
}

}  // namespace

ApiOptions ApiOptions::from_config(const common::Config& config) {
  const auto& catalog = common::api_option_catalog();
  ApiOptions o;
  o.bind_host = catalog.get_string(config, "DEFAULT", "bind_host");
  long port = catalog.get_int(config, "DEFAULT", "bind_port");
  if (port < 0 || port > 65535) throw common::ConfigError("[DEFAULT] bind_port out of range");
  o.bind_port = static_cast<std::uint16_t>(port);
  o.io_threads = static_cast<std::size_t>(positive(config, "api", "io_threads"));
  o.worker_threads = static_cast<std::size_t>(positive(config, "api", "worker_threads"));
  o.max_body_size =
      static_cast<std::size_t>(positive(config, "oslo_middleware", "max_request_body_size"));
  o.ssl_cert_file = catalog.get_string(config, "ssl", "cert_file");
  o.ssl_key_file = catalog.get_string(config, "ssl", "key_file");
  o.ssl_ca_file = catalog.get_string(config, "ssl", "ca_file");
  if (o.ssl_cert_file.empty() != o.ssl_key_file.empty())
    throw common::ConfigError("[ssl] cert_file and key_file go together: set both or neither");
  if (!o.ssl_ca_file.empty() && o.ssl_cert_file.empty())
    throw common::ConfigError("[ssl] ca_file needs cert_file and key_file");
  o.enable_proxy_headers_parsing =
      catalog.get_bool(config, "oslo_middleware", "enable_proxy_headers_parsing");
  o.max_connections = static_cast<std::size_t>(positive(config, "api", "max_connections"));
  o.max_header_line = static_cast<std::size_t>(positive(config, "api", "max_header_line"));
  o.request_header_timeout = positive(config, "api", "request_header_timeout");
  o.request_body_timeout = positive(config, "api", "request_body_timeout");
  o.client_socket_timeout = positive(config, "api", "client_socket_timeout");
  o.default_limit = positive(config, "api", "default_limit");
  o.max_limit = positive(config, "api", "max_limit");
  if (o.default_limit > o.max_limit)
    throw common::ConfigError("[api] default_limit must not exceed [api] max_limit");
  o.auth_strategy = catalog.get_string(config, "api", "auth_strategy");
  if (o.auth_strategy != "keystone" && o.auth_strategy != "noauth")
    throw common::ConfigError("[api] auth_strategy must be 'keystone' or 'noauth', not '" +
                              o.auth_strategy + "'");
  o.allow_noauth_on_public_address =
      catalog.get_bool(config, "api", "allow_noauth_on_public_address");
  o.backup_status_in_records = catalog.get_bool(config, "api", "backup_status_in_records");
  o.healthcheck_disable_file = catalog.get_string(config, "healthcheck", "disable_by_file_path");
  o.healthcheck_detailed = catalog.get_bool(config, "healthcheck", "detailed");
  return o;
}

http::ServerOptions server_options(const ApiOptions& o) {
  http::ServerOptions out;
  out.host = o.bind_host;
  out.port = o.bind_port;
  out.io_threads = o.io_threads;
  out.worker_threads = o.worker_threads;
  out.max_body_size = o.max_body_size;
  out.max_line_size = o.max_header_line;
  out.max_head_size = 4 * o.max_header_line;
  out.max_connections = o.max_connections;
  out.header_timeout = std::chrono::seconds(o.request_header_timeout);
  out.body_timeout = std::chrono::seconds(o.request_body_timeout);
  out.idle_timeout = std::chrono::seconds(o.client_socket_timeout);
  if (!o.ssl_cert_file.empty())
    out.tls = http::TlsOptions{o.ssl_cert_file, o.ssl_key_file, o.ssl_ca_file};
  return out;
}

bool is_loopback_address(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace freezer::api

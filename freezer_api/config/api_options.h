#pragma once
// The API service's options, read once from the configuration at start-up. Defaults: the
// option catalog (common/api_option_catalog.cc).
#include <cstdint>
#include <string>

#include "common/config.h"
#include "freezer_api/http/server.h"

namespace freezer::api {

struct ApiOptions {
  std::string bind_host;                  // [DEFAULT] bind_host
  std::uint16_t bind_port{};              // [DEFAULT] bind_port
  std::size_t io_threads{};               // [api] io_threads: HTTP parsing and socket I/O
  std::size_t worker_threads{};           // [api] worker_threads: handlers (DB, Keystone calls)
  std::size_t max_body_size{};            // [oslo_middleware] max_request_body_size
  std::string ssl_cert_file;              // [ssl] cert_file
  std::string ssl_key_file;               // [ssl] key_file
  std::string ssl_ca_file;                // [ssl] ca_file
  bool enable_proxy_headers_parsing{};    // [oslo_middleware] enable_proxy_headers_parsing
  std::size_t max_connections{};          // [api] max_connections
  std::size_t max_header_line{};          // [api] max_header_line
  long request_header_timeout{};          // [api] request_header_timeout, seconds
  long request_body_timeout{};            // [api] request_body_timeout, seconds
  long client_socket_timeout{};           // [api] client_socket_timeout, seconds
  long default_limit{};                   // [api] default_limit: page size when none is asked
  long max_limit{};                       // [api] max_limit: larger pages are cut to this
  std::string auth_strategy;              // [api] auth_strategy: keystone | noauth
  bool allow_noauth_on_public_address{};  // [api] allow_noauth_on_public_address
  // [api] backup_status_in_records: show `status` in backup records as upstream master does;
  // off by default because the published API tests expect the four-key record.
  bool backup_status_in_records{};
  std::string healthcheck_disable_file;  // [healthcheck] disable_by_file_path
  bool healthcheck_detailed{};           // [healthcheck] detailed (admins only)

  // Throws common::ConfigError naming the bad option.
  static ApiOptions from_config(const common::Config& config);
};

// The HTTP server's limits and threads (host and port from the options too).
http::ServerOptions server_options(const ApiOptions& options);

bool is_loopback_address(const std::string& host);

}  // namespace freezer::api

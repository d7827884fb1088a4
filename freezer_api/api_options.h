#pragma once
// The API service's options, read once from the configuration at start-up.
#include <cstdint>
#include <string>

#include "common/config.h"

namespace freezer::api {

struct ApiOptions {
  std::string bind_host = "0.0.0.0";  // [DEFAULT] bind_host
  std::uint16_t bind_port = 9090;     // [DEFAULT] bind_port
  std::size_t io_threads = 2;         // [api] io_threads: HTTP parsing and socket I/O
  std::size_t worker_threads = 8;     // [api] worker_threads: handlers (DB, Keystone calls)
  std::size_t max_body_size = 1 << 20;  // [oslo_middleware] max_request_body_size
  long default_limit = 10;            // [api] default_limit: page size when none is asked
  long max_limit = 1000;              // [api] max_limit: larger pages are cut to this
  std::string auth_strategy = "keystone";    // [api] auth_strategy: keystone | noauth
  bool allow_noauth_on_public_address = false;  // [api] allow_noauth_on_public_address
  // [api] backup_status_in_records: show `status` in backup records as upstream master does;
  // off by default because the published API tests expect the four-key record.
  bool backup_status_in_records = false;
  std::string healthcheck_disable_file = "/etc/freezer/healthcheck_disable";  // [healthcheck]

  // Throws common::ConfigError naming the bad option.
  static ApiOptions from_config(const common::Config& config);
};

bool is_loopback_address(const std::string& host);

}  // namespace freezer::api

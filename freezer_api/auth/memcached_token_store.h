#pragma once
// [keystone_authtoken] memcached_servers: validated tokens shared by every API instance (and
// by keystonemiddleware's Python instances on the same servers: same keys, same values, same
// memcache_security_strategy format). Values are Keystone's validation bodies,
// {"token": {...}}, kept token_cache_time seconds. A memcached that is down or slow never
// fails a request: the token is validated with Keystone as without a cache.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "freezer_api/auth/memcache_protection.h"

namespace freezer::api {

struct MemcachedServer {
  std::string host;  // a name, an IPv4 or IPv6 literal (no brackets), or a unix socket path
  int port = 11211;  // 0 for a unix socket
};

// keystonemiddleware's and oslo.cache's spellings: "host:port", "host", "[::1]:11211",
// "inet6:[::1]:11211", "inet:host:port", "unix:/run/memcached.sock". Throws
// common::ConfigError naming the entry.
MemcachedServer parse_memcached_server(std::string_view entry);

struct MemcachedOptions {
  std::vector<MemcachedServer> servers;
  std::chrono::seconds socket_timeout{3};    // memcache_pool_socket_timeout
  std::chrono::seconds dead_retry{300};      // memcache_pool_dead_retry
  std::size_t max_connections = 10;          // memcache_pool_maxsize
  std::chrono::seconds connection_wait{10};  // memcache_pool_conn_get_timeout
  std::chrono::seconds entry_lifetime{300};  // token_cache_time
};

class MemcachedTokenStore {
 public:
  MemcachedTokenStore(const MemcachedOptions& options, MemcacheProtection protection);
  ~MemcachedTokenStore();
  MemcachedTokenStore(const MemcachedTokenStore&) = delete;
  MemcachedTokenStore& operator=(const MemcachedTokenStore&) = delete;

  // The validation body stored for the token; nullopt when absent, unreadable or memcached
  // cannot be reached.
  std::optional<std::string> find(std::string_view token) const;
  void store(std::string_view token, std::string_view validation_body) const;

 private:
  struct Pool;
  void warn(std::string_view what, std::string_view detail) const;

  std::unique_ptr<Pool> pool_;
  MemcacheProtection protection_;
  std::chrono::seconds entry_lifetime_;
};

}  // namespace freezer::api

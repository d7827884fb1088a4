#include "freezer_api/auth/memcached_token_store.h"

#include <libmemcached/memcached.h>
#include <libmemcachedutil-1.0/util.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <charconv>
#include <cstdlib>

#include "common/config.h"

namespace freezer::api {
namespace {

common::ConfigError bad_server(std::string_view entry, std::string_view why) {
  return common::ConfigError("[keystone_authtoken] memcached_servers: '" + std::string(entry) +
                             "' " + std::string(why));
}

int port_of(std::string_view entry, std::string_view text) {
  int port = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port <= 0 || port > 65535)
    throw bad_server(entry, "has no valid port");
  return port;
}

// Warnings about an unreachable memcached at most once a minute: every request would
// otherwise log one.
constexpr std::chrono::seconds kWarningInterval{60};

}  // namespace

MemcachedServer parse_memcached_server(std::string_view entry) {
  std::string_view rest = entry;
  if (rest.rfind("unix:", 0) == 0) {
    if (rest.size() == 5) throw bad_server(entry, "names no socket");
    return {std::string(rest.substr(5)), 0};
  }
  if (rest.rfind("inet6:", 0) == 0)
    rest.remove_prefix(6);
  else if (rest.rfind("inet:", 0) == 0)
    rest.remove_prefix(5);
  if (rest.empty()) throw bad_server(entry, "names no server");
  if (rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos || close == 1)
      throw bad_server(entry, "is not [address]:port");
    MemcachedServer server{std::string(rest.substr(1, close - 1)), 11211};
    auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw bad_server(entry, "is not [address]:port");
      server.port = port_of(entry, after.substr(1));
    }
    return server;
  }
  auto colon = rest.find(':');
  if (colon == std::string_view::npos) return {std::string(rest), 11211};
  if (rest.find(':', colon + 1) != std::string_view::npos)
    throw bad_server(entry, "is an IPv6 address without brackets ([address]:port)");
  if (colon == 0) throw bad_server(entry, "names no server");
  return {std::string(rest.substr(0, colon)), port_of(entry, rest.substr(colon + 1))};
}

struct MemcachedTokenStore::Pool {
  memcached_st* primary = nullptr;
  memcached_pool_st* connections = nullptr;
  std::chrono::seconds connection_wait{};
  mutable std::atomic<std::int64_t> last_warning{0};

  ~Pool() {
    if (connections) memcached_pool_destroy(connections);
    if (primary) memcached_free(primary);
  }
};

MemcachedTokenStore::MemcachedTokenStore(const MemcachedOptions& options,
                                         MemcacheProtection protection)
    : pool_(std::make_unique<Pool>()),
      protection_(std::move(protection)),
      entry_lifetime_(options.entry_lifetime) {
  pool_->connection_wait = options.connection_wait;
  pool_->primary = memcached_create(nullptr);
  if (!pool_->primary) throw std::runtime_error("cannot create a memcached client");
  auto* m = pool_->primary;
  const auto timeout_ms = static_cast<uint64_t>(options.socket_timeout.count() * 1000);
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, timeout_ms);
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, timeout_ms);
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, timeout_ms * 1000);
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_SND_TIMEOUT, timeout_ms * 1000);
  // A server that failed is skipped for dead_retry seconds, as python-memcached does.
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_RETRY_TIMEOUT,
                         static_cast<uint64_t>(options.dead_retry.count()));
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_SERVER_FAILURE_LIMIT, 1);
  memcached_behavior_set(m, MEMCACHED_BEHAVIOR_TCP_NODELAY, 1);
  for (const auto& server : options.servers) {
    auto rc = server.port == 0 ? memcached_server_add_unix_socket(m, server.host.c_str())
                               : memcached_server_add(m, server.host.c_str(),
                                                      static_cast<in_port_t>(server.port));
    if (rc != MEMCACHED_SUCCESS)
      throw common::ConfigError("[keystone_authtoken] memcached_servers: cannot use '" +
                                server.host + "': " + memcached_strerror(m, rc));
  }
  pool_->connections = memcached_pool_create(
      m, 1, static_cast<uint32_t>(std::max<std::size_t>(1, options.max_connections)));
  if (!pool_->connections) throw std::runtime_error("cannot create a memcached connection pool");
}

MemcachedTokenStore::~MemcachedTokenStore() = default;

void MemcachedTokenStore::warn(std::string_view what, std::string_view detail) const {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  auto last = pool_->last_warning.load();
  if (last != 0 && now - last < kWarningInterval.count()) return;
  if (!pool_->last_warning.compare_exchange_strong(last, now)) return;
  spdlog::warn("memcached token cache: {} failed ({}); tokens are validated with Keystone", what,
               detail);
}

namespace {

// One connection of the pool for the length of a call.
class Lease {
 public:
  Lease(memcached_pool_st* pool, std::chrono::seconds wait) : pool_(pool) {
    timespec relative{static_cast<time_t>(wait.count()), 0};
    client_ = memcached_pool_fetch(pool_, &relative, &rc_);
  }
  ~Lease() {
    if (client_) memcached_pool_release(pool_, client_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  memcached_st* client() const { return client_; }
  memcached_return_t error() const { return rc_; }

 private:
  memcached_pool_st* pool_;
  memcached_st* client_ = nullptr;
  memcached_return_t rc_ = MEMCACHED_SUCCESS;
};

}  // namespace

std::optional<std::string> MemcachedTokenStore::find(std::string_view token) const {
  Lease lease(pool_->connections, pool_->connection_wait);
  if (!lease.client()) {
    warn("taking a connection", memcached_strerror(pool_->primary, lease.error()));
    return std::nullopt;
  }
  const auto entry = protection_.entry_for(token);
  size_t length = 0;
  uint32_t flags = 0;
  memcached_return_t rc = MEMCACHED_SUCCESS;
  char* value = memcached_get(lease.client(), entry.cache_key.data(), entry.cache_key.size(),
                              &length, &flags, &rc);
  if (!value) {
    if (rc != MEMCACHED_NOTFOUND) warn("get", memcached_strerror(lease.client(), rc));
    return std::nullopt;
  }
  std::string stored(value, length);
  std::free(value);
  auto data = protection_.unprotect(entry, stored);
  if (!data) spdlog::warn("memcached token cache: an entry failed its MAC check; ignored");
  return data;
}

void MemcachedTokenStore::store(std::string_view token, std::string_view validation_body) const {
  Lease lease(pool_->connections, pool_->connection_wait);
  if (!lease.client()) {
    warn("taking a connection", memcached_strerror(pool_->primary, lease.error()));
    return;
  }
  const auto entry = protection_.entry_for(token);
  const auto value = protection_.protect(entry, validation_body);
  auto rc =
      memcached_set(lease.client(), entry.cache_key.data(), entry.cache_key.size(), value.data(),
                    value.size(), static_cast<time_t>(entry_lifetime_.count()), 0);
  if (rc != MEMCACHED_SUCCESS) warn("set", memcached_strerror(lease.client(), rc));
}

}  // namespace freezer::api

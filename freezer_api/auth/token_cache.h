#pragma once
// Validated tokens, kept until the token expires or the configured time cap passes,
// whichever is first; least recently used entries go when the cache is full. Keys are
// SHA-256 digests: raw tokens are never kept in memory longer than a request.
#include <chrono>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/clock.h"
#include "freezer_api/request_context.h"

namespace freezer::api {

class TokenCache {
 public:
  TokenCache(std::size_t capacity, std::chrono::seconds max_age, const common::Clock& clock);

  std::optional<RequestContext> find(const std::string& token);
  void store(const std::string& token, const RequestContext& identity,
             std::chrono::system_clock::time_point token_expires_at);
  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    RequestContext identity;
    std::chrono::system_clock::time_point valid_until;
  };
  static std::string key_of(const std::string& token);

  const std::size_t capacity_;
  const std::chrono::seconds max_age_;
  const common::Clock& clock_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace freezer::api

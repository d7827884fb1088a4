#include "freezer_api/auth/token_cache.h"

#include <openssl/evp.h>

namespace freezer::api {

TokenCache::TokenCache(std::size_t capacity, std::chrono::seconds max_age,
                       const common::Clock& clock)
    : capacity_(capacity), max_age_(max_age), clock_(clock) {}

std::string TokenCache::key_of(const std::string& token) {
  // Fetched once: OpenSSL 3 looks the algorithm up again on every EVP_sha256() digest.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), digest, &length, kSha256 ? kSha256 : EVP_sha256(),
             nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::optional<RequestContext> TokenCache::find(const std::string& token) {
  if (capacity_ == 0) return std::nullopt;
  const std::string key = key_of(token);
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  if (clock_.now() >= it->second->valid_until) {
    entries_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->identity;
}

void TokenCache::store(const std::string& token, const RequestContext& identity,
                       std::chrono::system_clock::time_point token_expires_at) {
  if (capacity_ == 0) return;
  const auto valid_until = std::min(token_expires_at, clock_.now() + max_age_);
  std::string key = key_of(token);
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    entries_.erase(it->second);
    index_.erase(it);
  }
  entries_.push_front(Entry{key, identity, valid_until});
  index_.emplace(std::move(key), entries_.begin());
  while (entries_.size() > capacity_) {
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

std::size_t TokenCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace freezer::api
